package org.gridgov.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A headless Chromium for console tests, driven through Debian's {@code chromium} and {@code chromium-driver}
 * packages. Both binaries are named explicitly, so Selenium Manager never runs and nothing is downloaded. A machine
 * without them FAILS the test (CI installs them; a console change must never go green untested); a developer without
 * Chromium may opt out with {@code -Dgridgov.browser-tests=skip}, which skips instead. Each browser gets a fresh
 * profile.
 *
 * <pre>{@code
 * try (Browser browser = Browser.open(port)) {
 *     browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD);
 *     browser.get("/grids");
 *     browser.waitForVisible(By.id("grid-tree"));
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--window-size=1400,1000");

    private final String baseUrl;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser(String baseUrl) throws IOException {
        this.baseUrl = baseUrl;
        this.profile = Files.createTempDirectory("gridgov-chromium-");
        // a driver path in the service (and this property) makes Selenium skip Selenium Manager altogether
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        this.service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        try {
            this.driver = new ChromeDriver(service, options);
        }
        catch (RuntimeException ex) {
            service.stop();
            deleteProfile();
            throw ex;
        }
        this.wait = new WebDriverWait(driver, TIMEOUT);
    }

    /**
     * Starts a browser for the application at {@code http://localhost:port}; fails the calling test when Chromium or
     * its driver is not installed (skips it only with {@code -Dgridgov.browser-tests=skip}).
     */
    public static Browser open(int port) {
        requireInstalled(CHROMIUM, CHROMEDRIVER, System.getProperty("gridgov.browser-tests"));
        try {
            return new Browser("http://localhost:" + port);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Fails (throws) when the browser or its driver is missing, unless {@code browserTests} is {@code skip}: then the
     * calling test is skipped (issue 16 #13: a machine without Chromium must not pass the console tests green).
     */
    static void requireInstalled(Path chromium, Path chromedriver, String browserTests) {
        boolean installed = Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
        String missing = "Browser test needs " + chromium + " and " + chromedriver
                + " (apt-get install chromium chromium-driver)";
        if (!installed && "skip".equals(browserTests)) {
            assumeTrue(false, missing + "; skipped on request (-Dgridgov.browser-tests=skip)");
        }
        if (!installed) {
            throw new IllegalStateException(missing + "; to skip browser tests on a development machine run with "
                    + "-Dgridgov.browser-tests=skip");
        }
    }

    /** Signs in through the console's login form and waits until the form has let the user in. */
    public Browser login(String username, String password) {
        get("/login");
        waitForVisible(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("/login") || !d.findElements(By.id("login-error")).isEmpty());
        if (!driver.findElements(By.id("login-error")).isEmpty()) {
            throw new AssertionError("Login as " + username + " was refused: "
                    + driver.findElement(By.id("login-error")).getText());
        }
        return this;
    }

    /** Opens a path of the application, e.g. {@code /grids?lang=en}, and waits for the page to load. */
    public Browser get(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /**
     * Waits until {@code element} has left the page (the next page has loaded). ChromeDriver reports an element of a
     * page that is being replaced either as stale or, mid-navigation, as a node that "does not belong to the
     * document": both mean gone.
     */
    public void waitUntilGone(WebElement element) {
        waitUntil(driver -> {
            try {
                element.isEnabled();
                return false;
            }
            catch (org.openqa.selenium.StaleElementReferenceException ex) {
                return true;
            }
            catch (org.openqa.selenium.WebDriverException ex) {
                if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw ex;
            }
        });
    }

    public WebElement waitForVisible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public WebElement waitForClickable(By locator) {
        return wait.until(ExpectedConditions.elementToBeClickable(locator));
    }

    /** Waits until {@code condition} yields a value other than null or false, and returns it. */
    public <T> T waitUntil(ExpectedCondition<T> condition) {
        return wait.until(condition);
    }

    public WebElement find(By locator) {
        return driver.findElement(locator);
    }

    public List<WebElement> findAll(By locator) {
        return driver.findElements(locator);
    }

    public List<String> texts(By locator) {
        return driver.findElements(locator).stream().map(WebElement::getText).toList();
    }

    public String currentPath() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    /** Saves what the window shows as a PNG, creating the folder if needed. */
    public Path screenshot(Path file) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Resizes the window so that the page's viewport is {@code width} × {@code height} CSS pixels (a phone, a laptop). */
    public Browser viewport(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        Object inner = script("return [window.innerWidth, window.innerHeight];");
        if (inner instanceof List<?> size && size.size() == 2) {
            long dw = width - ((Number) size.get(0)).longValue();
            long dh = height - ((Number) size.get(1)).longValue();
            if (dw != 0 || dh != 0) {
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(width + (int) dw, height + (int) dh));
            }
        }
        return this;
    }

    /** Runs JavaScript in the page and returns its result. */
    public Object script(String javascript, Object... arguments) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** The underlying driver, for what the helpers here do not cover. */
    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        }
        finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException ex) {
            // a leftover temp profile is harmless; the test result must not depend on it
        }
    }
}
