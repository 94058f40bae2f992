package org.gridgov.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The figures of a run, printed and kept in target/reliability/figures.md for docs/RELIABILITY.md. */
final class Figures {

    private Figures() {
    }

    static void record(String scenario, String... lines) {
        StringBuilder text = new StringBuilder("\n### " + scenario + " (" + java.time.Instant.now() + ")\n\n");
        for (String line : lines) {
            text.append("- ").append(line).append('\n');
        }
        System.out.println(text);
        try {
            Files.createDirectories(AppProcess.WORK);
            Files.writeString(AppProcess.WORK.resolve("figures.md"), text, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** How many incidents each Idempotency-Key created, read straight from the database. */
    static Map<String, Integer> incidentsPerKey(String jdbcUrl, String user, String password, String run)
            throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement statement = connection.prepareStatement(
                        "select idempotency_key, count(*) from incident where idempotency_key like ? group by 1")) {
            statement.setString(1, run + "-%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    static List<String> twice(Map<String, Integer> perKey) {
        List<String> twice = new ArrayList<>();
        perKey.forEach((key, count) -> {
            if (count > 1) {
                twice.add(key + " ×" + count);
            }
        });
        return twice;
    }

    static List<String> missing(Collection<String> keys, Map<String, Integer> perKey) {
        return keys.stream().filter(key -> !perKey.containsKey(key)).sorted().toList();
    }
}
