/**
 * Peak memory of the whole stack, sampled from /proc every second: each component is a process and its
 * descendants, Chromium (children of worker and web) counted apart. RSS counts a page shared by two
 * processes twice (Chromium's renderers share most of theirs), so the table gives PSS beside it: the
 * fair share of each, whose sum is what the stack really takes from the machine. The CPU time each
 * component used while sampled, beside the whole machine's, shows where the time went and how much
 * other work shared the machine.
 */
import fs from 'node:fs';

// Reading smaps_rollup walks each process's page tables in the kernel, in the bench's own time: every
// 200 ms took a third of a core from the 2-core stack it measures. Memory moves slower than that.
const INTERVAL_MS = 1000;
/** USER_HZ: the unit of /proc's CPU times on Linux. */
const TICKS_PER_SECOND = 100;

interface Usage {
  rssKib: number;
  pssKib: number;
}

interface ProcessStat {
  ppid: number;
  /** User and system CPU time so far, in ticks. */
  cpuTicks: number;
}

/** Parent pid and CPU time of every process now, read once per sample. */
function processes(): Map<number, ProcessStat> {
  const out = new Map<number, ProcessStat>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces: count the fields after it (state first).
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(entry), { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

function descendants(root: number, all: Map<number, ProcessStat>): number[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    for (const [pid, { ppid }] of all) if (ppid === out[i]) out.push(pid);
  }
  return out;
}

/** Busy and total CPU ticks of the whole machine so far (all cores). */
function machineTicks(): { busy: number; total: number } {
  const [, ...times] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = times.reduce((a, b) => a + b, 0);
  // idle and iowait are the 4th and 5th
  return { busy: total - times[3] - times[4], total };
}

const field = (text: string, name: string) =>
  Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);

function usage(pid: number): Usage {
  try {
    return {
      rssKib: field(fs.readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS'),
      pssKib: field(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss'),
    };
  } catch {
    return { rssKib: 0, pssKib: 0 };
  }
}

const isChromium = (pid: number) => {
  try {
    return /chrom/i.test(fs.readFileSync(`/proc/${pid}/comm`, 'utf8'));
  } catch {
    return false;
  }
};

/** The pid of the running process named `comm` (e.g. mariadbd), if any. */
export function pidOf(comm: string): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) return Number(entry);
    } catch {
      // ended meanwhile
    }
  }
  return undefined;
}

/** Samples named process trees until stop(); then reports each one's peak and the peak of their sum. */
export class StackMemory {
  private readonly peaks = new Map<string, Usage>();
  private peakTotal: Usage = { rssKib: 0, pssKib: 0 };
  private samples = 0;
  private stopped = false;
  /** Per process: its component, and its CPU ticks when first and last seen. */
  private readonly cpu = new Map<number, { name: string; first: number; last: number }>();
  private readonly machineAtStart = machineTicks();
  private machineAtEnd = this.machineAtStart;
  private readonly timer: NodeJS.Timeout;

  /** `roots`: component name → root pid; Chromium under a root counts as "<name>: Chromium". */
  constructor(private readonly roots: Record<string, number>) {
    this.sample();
    this.timer = setInterval(() => this.sample(), INTERVAL_MS);
  }

  private sample(): void {
    const all = processes();
    const now = new Map<string, Usage>();
    const add = (name: string, u: Usage) => {
      const sum = now.get(name) ?? { rssKib: 0, pssKib: 0 };
      now.set(name, { rssKib: sum.rssKib + u.rssKib, pssKib: sum.pssKib + u.pssKib });
    };
    for (const [name, root] of Object.entries(this.roots)) {
      add(name, { rssKib: 0, pssKib: 0 });
      for (const pid of descendants(root, all)) {
        const component = isChromium(pid) && pid !== root ? `${name}: Chromium` : name;
        add(component, usage(pid));
        const ticks = all.get(pid)!.cpuTicks;
        // A process started since the first sample counts from 0.
        const first = this.samples === 0 ? ticks : (this.cpu.get(pid)?.first ?? 0);
        this.cpu.set(pid, { name: component, first, last: ticks });
      }
    }
    let total: Usage = { rssKib: 0, pssKib: 0 };
    for (const [name, u] of now) {
      const peak = this.peaks.get(name) ?? { rssKib: 0, pssKib: 0 };
      this.peaks.set(name, {
        rssKib: Math.max(peak.rssKib, u.rssKib),
        pssKib: Math.max(peak.pssKib, u.pssKib),
      });
      total = { rssKib: total.rssKib + u.rssKib, pssKib: total.pssKib + u.pssKib };
    }
    this.peakTotal = {
      rssKib: Math.max(this.peakTotal.rssKib, total.rssKib),
      pssKib: Math.max(this.peakTotal.pssKib, total.pssKib),
    };
    this.machineAtEnd = machineTicks();
    this.samples++;
  }

  /** CPU seconds each component used since sampling began, as of a fresh sample. */
  cpuSeconds(): Map<string, number> {
    if (!this.stopped) this.sample();
    const out = new Map<string, number>();
    for (const { name, first, last } of this.cpu.values())
      out.set(name, (out.get(name) ?? 0) + (last - first) / TICKS_PER_SECOND);
    return out;
  }

  /** Takes a last sample and stops sampling. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.sample();
  }

  /** The table's lines; `limitMib`: the aim the whole stack should stay under. */
  table(limitMib: number): string[] {
    const mib = (kib: number) => (kib / 1024).toFixed(0).padStart(10);
    const cpuOf = this.cpuSeconds();
    const seconds = (s: number) => s.toFixed(1).padStart(10);
    const line = (name: string, u: Usage, cpuSeconds: number) =>
      `${name.padEnd(40)} ${mib(u.rssKib)} ${mib(u.pssKib)} ${seconds(cpuSeconds)}`;
    const stackCpu = [...cpuOf.values()].reduce((a, b) => a + b, 0);
    const machine = {
      busy: (this.machineAtEnd.busy - this.machineAtStart.busy) / TICKS_PER_SECOND,
      total: (this.machineAtEnd.total - this.machineAtStart.total) / TICKS_PER_SECOND,
    };
    const sumOfPeaks = [...this.peaks.values()].reduce(
      (s, u) => ({ rssKib: s.rssKib + u.rssKib, pssKib: s.pssKib + u.pssKib }),
      { rssKib: 0, pssKib: 0 },
    );
    // PSS: what the processes take together; their RSS counts shared pages (Chromium's) once per process.
    const fits = this.peakTotal.pssKib / 1024 < limitMib;
    return [
      `memory: peak per component, ${this.samples} samples every ${INTERVAL_MS} ms from /proc; CPU time while sampled`,
      `${'component'.padEnd(40)} ${'RSS MiB'.padStart(10)} ${'PSS MiB'.padStart(10)} ${'CPU s'.padStart(10)}`,
      ...[...this.peaks].map(([name, u]) => line(name, u, cpuOf.get(name) ?? 0)),
      line('whole stack, peak of the sum', this.peakTotal, stackCpu),
      line('  (sum of the peaks)', sumOfPeaks, stackCpu),
      `whole stack (PSS) ${fits ? 'fits' : 'does NOT fit'} in ${limitMib} MiB (aim)`,
      `machine: ${machine.busy.toFixed(1)} of ${machine.total.toFixed(1)} core-seconds busy, ${(machine.busy - stackCpu).toFixed(1)} of them outside the stack (the bench's own actors included)`,
    ];
  }
}
