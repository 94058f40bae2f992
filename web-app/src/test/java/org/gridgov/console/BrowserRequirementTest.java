package org.gridgov.console;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16 #13: console tests used to {@code assumeTrue} Chromium, so a machine without it skipped them all with a
 * green build. A missing browser or driver now fails the test; only an explicit {@code -Dgridgov.browser-tests=skip}
 * (a developer's choice, never CI's) skips.
 */
class BrowserRequirementTest {

    static final Path NOWHERE = Path.of("/nonexistent/gridgov/chromium");

    @Test
    void a_missing_chromium_fails_the_browser_test_instead_of_skipping_it() {
        assertThatThrownBy(() -> Browser.requireInstalled(NOWHERE, Browser.CHROMEDRIVER, null))
            .isInstanceOf(IllegalStateException.class).isNotInstanceOf(TestAbortedException.class)
            .hasMessageContaining("apt-get install chromium chromium-driver");
        assertThatThrownBy(() -> Browser.requireInstalled(Browser.CHROMIUM, NOWHERE, ""))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void only_an_explicit_opt_out_skips() {
        assertThatThrownBy(() -> Browser.requireInstalled(NOWHERE, NOWHERE, "skip"))
            .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void an_installed_browser_passes_the_check() {
        assertThatCode(() -> Browser.requireInstalled(Path.of("/bin/sh"), Path.of("/bin/sh"), null))
            .doesNotThrowAnyException();
    }
}
