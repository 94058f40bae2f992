package org.gridgov.console;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.gridgov.PlatformTest;
import org.gridgov.identity.AccountService;
import org.gridgov.identity.CreateAccountCommand;
import org.gridgov.shared.security.Role;
import org.gridgov.identity.SystemAuthentication;
import org.gridgov.identity.TokenPrincipal;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/** Logging in and out of the console, lock-out, CSRF, and the users and audit pages, in a real browser. */
@PlatformTest
class IdentityBrowserIT {

    static final String PASSWORD = "browser-password-1";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    String worker;

    @BeforeEach
    void createAccount() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                SystemAuthentication.NAME, null, List.of(new SimpleGrantedAuthority("ROLE_SYSTEM_ADMIN"))));
        worker = Unique.code("resident");
        accounts.create(new CreateAccountCommand(worker, "测试居民", null, PASSWORD, Role.RESIDENT, null, null, null),
                new TokenPrincipal(null, SystemAuthentication.NAME, Role.SYSTEM_ADMIN, null, null, null));
    }

    @AfterEach
    void leaveSystem() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void logs_in_sees_the_scope_in_the_header_and_logs_out() {
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/?lang=en");

            assertThat(browser.waitForVisible(By.cssSelector(".account .who")).getText()).isEqualTo(PlatformTest.ADMIN);
            assertThat(browser.find(By.id("current-scope")).getText()).isEqualTo("Whole city");

            browser.find(By.id("logout-button")).click();

            assertThat(browser.waitForVisible(By.id("logout-message")).getText()).isEqualTo("You have been logged out");
            browser.get("/account");
            assertThat(browser.currentPath()).isEqualTo("/login");
        }
    }

    @Test
    void five_wrong_passwords_lock_the_account_and_the_login_page_says_so() {
        try (Browser browser = Browser.open(port)) {
            browser.get("/login?lang=en");
            for (int i = 0; i < 5; i++) {
                attempt(browser, worker, "wrong-password");
                assertThat(browser.waitForVisible(By.id("login-error")).getText()).isEqualTo("Wrong username or password");
            }

            attempt(browser, worker, PASSWORD);

            assertThat(browser.waitForVisible(By.id("login-error")).getText()).contains("locked");
            assertThat(browser.currentPath()).startsWith("/login");
        }
    }

    @Test
    void a_console_post_without_the_csrf_token_is_refused() {
        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/account");
            browser.waitForVisible(By.id("my-username"));

            Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/account/password', {method: 'POST',
                        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                        body: 'currentPassword=%s&newPassword=hijacked-password'})
                      .then(r => done(r.status));""".formatted(PASSWORD));

            assertThat(((Number) status).intValue()).isEqualTo(403);
        }
    }

    @Test
    void a_manager_creates_and_locks_a_user_and_reads_the_audit_log() {
        String username = Unique.code("gw");
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/admin/users?lang=en");
            var form = browser.waitForVisible(By.id("create-user"));
            form.findElement(By.name("username")).sendKeys(username);
            form.findElement(By.name("displayName")).sendKeys("新网格员");
            form.findElement(By.name("password")).sendKeys(PASSWORD);
            new org.openqa.selenium.support.ui.Select(form.findElement(By.name("role"))).selectByValue("RESIDENT");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            assertThat(browser.waitForVisible(By.id("flash-message")).getText()).isEqualTo("User created");

            browser.get("/admin/users?lang=en&q=" + username);
            By row = By.cssSelector("tr[data-username='" + username + "']");
            browser.waitForVisible(row).findElement(By.cssSelector("button.lock")).click();
            browser.get("/admin/users?lang=en&q=" + username);
            assertThat(browser.waitForVisible(row).findElement(By.cssSelector(".status")).getText()).isEqualTo("Locked");

            browser.get("/admin/users?lang=en&q=" + username);
            var assign = browser.waitForVisible(row).findElement(By.cssSelector("form.assign"));
            new org.openqa.selenium.support.ui.Select(assign.findElement(By.name("role"))).selectByValue("MERCHANT");
            assign.findElement(By.cssSelector("input.node-search")).clear();
            assign.findElement(By.cssSelector("button")).click();
            assertThat(browser.waitForVisible(By.id("flash-error")).getText()).contains("partner");
            assertThat(accounts.byUsername(username).orElseThrow().role()).isEqualTo(Role.RESIDENT);

            browser.get("/admin/audit?lang=en&action=ACCOUNT_LOCKED");
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit td.action")));
            assertThat(browser.texts(By.cssSelector("#audit td.action"))).contains("Account locked");
        }
    }

    @Test
    void a_resident_may_not_open_the_users_page() {
        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/admin/users");

            assertThat(browser.find(By.tagName("h1")).getText()).startsWith("403");
        }
    }

    /** Submits the login form and waits for the next page (so no element of the old page is read by mistake). */
    private static void attempt(Browser browser, String username, String password) {
        browser.waitForVisible(By.id("username")).clear();
        browser.find(By.id("username")).sendKeys(username);
        browser.find(By.id("password")).sendKeys(password);
        var page = browser.find(By.tagName("html"));
        browser.find(By.id("login-submit")).click();
        browser.waitUntilGone(page);
    }
}
