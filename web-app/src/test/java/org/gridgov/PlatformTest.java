package org.gridgov;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A whole-platform test: the real application on a random port, on the test JVM's one real PostgreSQL. All
 * such tests share one Spring context (same properties and imports), so keep them here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gridgov.security.bootstrap-admin.username=" + PlatformTest.ADMIN,
        "gridgov.security.bootstrap-admin.password=" + PlatformTest.ADMIN_PASSWORD,
        "gridgov.demo-data.enabled=false", "gridgov.blobs.directory=target/test-blobs",
        // webhook receivers in tests listen on localhost; retries and pausing on a test's time scale
        "gridgov.webhooks.allow-private-addresses=true", "gridgov.webhooks.first-retry=PT0.2S",
        "gridgov.webhooks.max-retry-interval=PT0.5S", "gridgov.webhooks.pause-after-failures=6",
        "gridgov.webhooks.pause-after-failing-for=PT0S", "gridgov.webhooks.dispatch-interval=PT0.2S" })
@Import(PlatformTestConfiguration.class)
public @interface PlatformTest {

    String ADMIN = "admin";
    String ADMIN_PASSWORD = "admin-test-password";
}
