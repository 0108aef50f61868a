package io.effortmap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's Chromium driven by Playwright, shared by the console's browser tests. Without a Chromium on the machine the
 * tests are skipped, and the reason is printed, never silently. Each test gets its own {@link Session}: a fresh browser
 * context (no shared cookies, so each user logs in for real through Keycloak), with every console error and uncaught
 * page error recorded so that the test can fail on them.
 */
public final class ConsoleBrowser implements BeforeAllCallback {

    /** Where a Chromium may be; CHROMIUM_PATH wins. */
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/lib/chromium/chromium", "/snap/bin/chromium");
    /** WCAG 2.0, 2.1 and 2.2 level A and AA rules. */
    static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private static Playwright playwright;
    private static Browser browser;
    private static String skipReason;

    static Optional<Path> chromium() {
        String configured = System.getenv("CHROMIUM_PATH");
        return Stream.concat(Stream.ofNullable(configured), CANDIDATES.stream()).map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (browser == null && skipReason == null) {
            Optional<Path> executable = chromium();
            if (executable.isEmpty()) {
                skipReason = "No Chromium found (looked at CHROMIUM_PATH and " + CANDIDATES + "): the console's browser tests "
                        + "are SKIPPED. Install it with 'apt-get install -y chromium' (.ci/run does).";
            } else {
                clearScreenshots();
                playwright = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                // The flags keep Chromium from calling out to the network (refused here) and let it run as root.
                browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable.get()).setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync")));
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(ConsoleBrowser.class, (AutoCloseable) ConsoleBrowser::close);
            }
        }
        if (skipReason != null) {
            System.err.println("[console e2e] " + skipReason);
            Assumptions.abort(skipReason);
        }
    }

    /** Screenshots of this run only: earlier runs' files would pass for this run's. */
    private static void clearScreenshots() {
        Path dir = screenshots();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".png")).toList()) {
                    Files.delete(file);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static Path screenshots() {
        return Path.of(System.getProperty("effortmap.e2e.screenshots", "target/console-screenshots"));
    }

    private static synchronized void close() {
        if (browser != null) {
            browser.close();
            playwright.close();
            browser = null;
        }
    }

    /**
     * A respondent's phone-sized browser on the gateway (survey pages are not the console), with or without
     * JavaScript; {@code locale} is what its Accept-Language says.
     */
    static BrowserContext respondent(boolean javaScript, String locale) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setLocale(locale)
                .setJavaScriptEnabled(javaScript).setBaseURL(RunningStack.config.gatewayUrl()));
    }

    /** WCAG 2.2 AA violations axe-core finds in the page, one line each (empty when none). */
    static List<String> accessibilityViolations(Page page) {
        return new AxeBuilder(page).withTags(WCAG_AA).analyze().getViolations().stream()
                .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .toList();
    }

    static Session session() {
        ConsoleApiContract.document();
        return new Session(browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 1000)
                .setBaseURL(RunningStack.config.consoleUrl())));
    }

    /**
     * One user's browser: a context and its page, with every console and page error kept, and every API call the page
     * makes checked against the OpenAPI document ({@link ConsoleApiContract}).
     */
    static final class Session implements AutoCloseable {

        final BrowserContext context;
        final Page page;
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private final List<String> contractViolations = new CopyOnWriteArrayList<>();
        private final List<String> apiCalls = new CopyOnWriteArrayList<>();
        private final List<Pattern> expected = new ArrayList<>();

        Session(BrowserContext context) {
            this.context = context;
            this.page = context.newPage();
            page.setDefaultTimeout(20_000);
            String api = RunningStack.config.consoleUrl() + "/api/";
            page.onRequest(request -> {
                if (request.url().startsWith(api)) {
                    apiCalls.add(request.method() + " " + request.url());
                    contractViolations.addAll(ConsoleApiContract.violations(request.method(), request.url(), request.headers()));
                }
            });
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) {
                    errors.add("console: " + message.text() + " at " + message.location());
                }
            });
            page.onPageError(error -> errors.add("page error: " + error));
        }

        /** Logs in through Keycloak's real login page, starting from a path of the console. */
        Session login(String user, String path) {
            page.navigate(path);
            page.locator("#username").fill(user);
            page.locator("#password").fill(RunningStack.config.credentials().demoUserPassword());
            page.locator("#kc-login").click();
            page.waitForURL(url -> url.startsWith(RunningStack.config.consoleUrl()) && !url.contains("/auth/callback"));
            return this;
        }

        /** An error the test provokes on purpose (Chromium logs every failed request as a console error). */
        Session expectConsoleError(String regex) {
            expected.add(Pattern.compile(regex));
            return this;
        }

        /** Waits until the view (a custom element) says it has drawn its data. */
        void awaitView(String element) {
            page.locator(element + "[data-rendered]").waitFor();
        }

        void screenshot(String name) {
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshots().resolve(name + ".png")).setFullPage(true));
        }

        /** axe-core with the WCAG 2.2 A and AA rules over the whole page; any violation fails. */
        void assertAccessible() {
            AxeResults results = new AxeBuilder(page).withTags(WCAG_AA).analyze();
            List<Rule> violations = results.getViolations();
            assertThat(violations).as("axe violations on %s:%n%s", page.url(), violations.stream()
                    .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
                            .collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n"))).isEmpty();
        }

        /** The API calls the page made so far ("GET http://.../api/v1/..."). */
        List<String> apiCalls() {
            return List.copyOf(apiCalls);
        }

        List<String> unexpectedErrors() {
            return errors.stream().filter(e -> expected.stream().noneMatch(p -> p.matcher(e).find())).toList();
        }

        @Override
        public void close() {
            try {
                assertThat(unexpectedErrors()).as("browser console errors on %s", page.url()).isEmpty();
                assertThat(contractViolations).as("API calls that break the OpenAPI contract").isEmpty();
            } finally {
                context.close();
            }
        }
    }
}
