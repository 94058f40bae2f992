package org.gridgov.resident.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * One COPY into the staging table for the whole file, on a connection of its own: PostgreSQL stores one batch
 * while this thread checks and encrypts the next (two cores instead of one), and a full socket holds the reader
 * back, so memory stays bounded. Until {@link #end()} nothing is stored; closing without it cancels the COPY.
 */
final class StagingCopy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StagingCopy.class);

    private final DataSource dataSource;
    private final Connection connection;
    private final CopyIn copy;
    private boolean ended;

    StagingCopy(DataSource dataSource) {
        this.dataSource = dataSource;
        connection = DataSourceUtils.getConnection(dataSource);
        try {
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY resident_import_row (job_id, line, compound_code, compound_name, community_id,
                        community_path, building_code, building_name, unit, room, grid_id, grid_path, name, gender,
                        birth_date, id_type, id_number_enc, id_number_hmac, id_number_masked, phone_enc, phone_hmac,
                        phone_masked, ethnicity, population_type, relation, moved_in, party_member, volunteer, tags,
                        care_level, care_reason)
                    FROM STDIN""");
        }
        catch (SQLException ex) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            throw new IllegalStateException("COPY into the staging table failed: " + ex.getMessage(), ex);
        }
    }

    /** Sends the batch's rows. */
    void send(StringBuilder batch) {
        if (!batch.isEmpty()) {
            byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            }
            catch (SQLException ex) {
                throw new IllegalStateException("COPY into the staging table failed: " + ex.getMessage(), ex);
            }
        }
        batch.setLength(0);
    }

    void end() {
        try {
            copy.endCopy();
            ended = true;
        }
        catch (SQLException ex) {
            throw new IllegalStateException("COPY into the staging table failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() {
        try {
            if (!ended && copy.isActive()) {
                copy.cancelCopy();
            }
        }
        catch (SQLException ex) {
            log.debug("Cancelling the staging COPY failed: {}", ex.getMessage());
        }
        finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Appends one row to a batch in COPY's text format: tab-separated, {@code \N} for null, newline-terminated. */
    static void appendRow(StringBuilder batch, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                batch.append('\t');
            }
            appendCopyValue(batch, values[i]);
        }
        batch.append('\n');
    }

    static void appendCopyValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        }
        else if (value instanceof byte[] bytes) {
            out.append("\\\\x").append(HexFormat.of().formatHex(bytes));
        }
        else {
            String s = value.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
    }
}
