/* Archive statistics charts (Chart.js). The data comes from a <script type="application/json"> block
   named by each canvas's data-source, because the Content-Security-Policy forbids inline scripts. */
(function () {
  'use strict';
  if (typeof window.Chart !== 'function') return;
  var COLORS = { sent: '#0d6efd', received: '#198754', dispositions: '#fd7e14', hours: '#6f42c1' };

  function datasets(kind, data) {
    if (kind === 'steps') {
      return {
        labels: data.steps,
        datasets: [{ label: 'Rata-rata jam', data: data.hours, backgroundColor: COLORS.hours }],
      };
    }
    return {
      labels: data.months,
      datasets: [
        { label: 'Surat keluar', data: data.sent, backgroundColor: COLORS.sent },
        { label: 'Surat masuk', data: data.received, backgroundColor: COLORS.received },
        { label: 'Disposisi', data: data.dispositions, backgroundColor: COLORS.dispositions },
      ],
    };
  }

  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute('data-source'));
    if (!source) return;
    var kind = canvas.getAttribute('data-chart');
    new window.Chart(canvas, {
      type: 'bar',
      data: datasets(kind, JSON.parse(source.textContent)),
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: kind === 'steps' ? undefined : 0 } } },
        plugins: { legend: { display: kind !== 'steps' } },
      },
    });
  });
})();
