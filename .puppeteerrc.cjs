// e-Office drives Debian's Chromium; never download a browser (the network is closed).
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
