package org.gridgov.shared.blob;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The default {@link BlobStore}: files under {@code gridgov.blobs.directory} (default {@code ./data/blobs}). */
@Configuration(proxyBeanMethods = false)
public class BlobConfiguration {

    @Bean
    @ConditionalOnMissingBean(BlobStore.class)
    BlobStore localFileBlobStore(@Value("${gridgov.blobs.directory:./data/blobs}") Path directory) {
        return new LocalFileBlobStore(directory);
    }
}
