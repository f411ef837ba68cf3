// How every browser run of the project starts Chromium: end-to-end tests (playwright.config.ts),
// `npm run screenshots` and `npm run bench:client`. The system Chromium (Debian's, installed by
// .ci/run) unless CHROMIUM_PATH says otherwise; no GPU, no background traffic.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
