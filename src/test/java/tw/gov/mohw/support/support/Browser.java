package tw.gov.mohw.support.support;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium (Debian's, never a downloaded one) for browser tests, with the flags this machine needs. The
 * card agent's self-signed certificate is accepted, as on a computer where the component installed its own.
 */
public final class Browser implements AutoCloseable {

    public static final NewContextOptions DESKTOP = new NewContextOptions().setLocale("zh-TW")
            .setViewportSize(1280, 900).setIgnoreHTTPSErrors(true);
    public static final NewContextOptions PHONE = new NewContextOptions().setLocale("zh-TW")
            .setViewportSize(360, 740).setIsMobile(true).setHasTouch(true).setIgnoreHTTPSErrors(true)
            .setUserAgent("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0 Mobile Safari/537.36");

    /** Which of the two sizes tests use. */
    public enum Viewport { DESKTOP, PHONE }

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    public Browser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable())
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /**
     * The browser to drive: {@code SUPPORT_BROWSER} (run-tests sets it), else the first Chromium or Chrome on the
     * PATH. None is a failure that says what to install: browser tests are never skipped.
     */
    static Path executable() {
        String configured = System.getenv("SUPPORT_BROWSER");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("No browser for the browser tests: install chromium (run ./run-tests as root"
                + " on Debian or Ubuntu to have it installed) or set SUPPORT_BROWSER to a Chromium or Chrome executable");
    }

    public BrowserContext context(NewContextOptions options, String baseUrl) {
        return browser.newContext(options.setBaseURL(baseUrl));
    }

    /** A browser already signed in (the sign-in itself is what SignInBrowserTest tests): the session's cookie set. */
    public BrowserContext signedIn(String baseUrl, SignIns.Session session, Viewport viewport) {
        BrowserContext context = context(viewport == Viewport.PHONE ? PHONE : DESKTOP, baseUrl);
        signInto(context, baseUrl, session);
        return context;
    }

    /** Puts another session's cookie into a browser (its pages act as that actor from now on). */
    public static void signInto(BrowserContext context, String baseUrl, SignIns.Session session) {
        context.addCookies(List.of(new com.microsoft.playwright.options.Cookie("SESSION", session.cookie())
                .setUrl(baseUrl)));
    }

    /** Saves a screenshot for review under target/screenshots. */
    public static void screenshot(Page page, String name) {
        try {
            Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Fails unless axe-core finds no WCAG 2.1 A/AA violation on the page as it is now. */
    public static void assertAccessible(Page page) {
        var results = new com.deque.html.axecore.playwright.AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze();
        var violations = results.getViolations();
        if (!violations.isEmpty()) {
            StringBuilder s = new StringBuilder("axe-core violations on " + page.url() + ":");
            violations.forEach(v -> s.append("\n- ").append(v.getId()).append(": ").append(v.getHelp())
                    .append(" ").append(v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList()));
            throw new AssertionError(s.toString());
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
