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
        "gridgov.demo-data.enabled=false", "gridgov.blobs.directory=target/test-blobs" })
@Import(PlatformTestConfiguration.class)
public @interface PlatformTest {

    String ADMIN = "admin";
    String ADMIN_PASSWORD = "admin-test-password";
}
