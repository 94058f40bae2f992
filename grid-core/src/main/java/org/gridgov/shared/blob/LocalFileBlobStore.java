package org.gridgov.shared.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Blobs as files under a directory, two levels of fan-out, written atomically (temp file + move). */
public class LocalFileBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

    private final Path root;

    public LocalFileBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String put(byte[] content) {
        String key = UUID.randomUUID().toString().replace("-", "");
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), key, ".part");
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return key;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not store a blob under " + root, ex);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path file = path(key);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read blob " + key, ex);
        }
    }

    private Path path(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }
}
