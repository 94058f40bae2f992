package org.gridgov.shared.blob;

import java.util.Optional;

/**
 * Where uploaded files (photos) live. The default keeps them on the local filesystem
 * ({@code gridgov.blobs.directory}); with several application nodes that directory must be a shared volume, or a
 * deployment provides another implementation (object storage).
 */
public interface BlobStore {

    /** Stores the bytes and returns the key to read them back with. */
    String put(byte[] content);

    Optional<byte[]> get(String key);
}
