package org.gridgov.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.AuditLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per sending system (a 12345 hotline, 一网统管), its category codes (诉求类型) → our incident categories, edited by
 * system administrators. A report with a code its source has not mapped goes to {@link #TRIAGE} and is flagged
 * {@code needsTriage}, so staff classify it instead of it being refused or guessed. Changes are audited.
 */
@Service
@Transactional(readOnly = true)
public class IncidentCategoryMappings {

    /** Where reports with an unmapped code wait to be classified. */
    public static final String TRIAGE = "TRIAGE";

    /** How a source is spelled: {@code HOTLINE_12345}. */
    static final Pattern SOURCE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    /** One mapping: their code (and its name there) → our category. */
    public record CategoryMapping(String source, String externalCode, String externalName, String category,
            Instant updatedAt) {
    }

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    IncidentCategoryMappings(JdbcTemplate jdbc, AuditLog audit, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The mappings of one source, or of all when {@code source} is null; by source and code. */
    public List<CategoryMapping> list(String source) {
        if (source != null) {
            requireSource(source, "source");
        }
        return jdbc.query("select source, external_code, external_name, category_code, updated_at "
                + "from incident_category_mapping where (?::varchar is null or source = ?) order by source, external_code",
                (rs, row) -> new CategoryMapping(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), source, source);
    }

    /** Creates or changes the mapping of one code of one source. */
    @Transactional
    public CategoryMapping save(String source, String externalCode, String externalName, String category) {
        requireSource(source, "source");
        requireCode(externalCode);
        if (externalName != null && (externalName.length() > 100 || externalName.chars().anyMatch(Character::isISOControl))) {
            throw DomainException.invalidField("incident.mapping.name", "externalName",
                    "At most 100 characters, no control characters");
        }
        if (category == null || category.isBlank()) {
            throw DomainException.invalidField("incident.mapping.category-required", "category",
                    "Name the incident category this code maps to");
        }
        Boolean active = jdbc.query("select active from incident_category where code = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, category);
        if (active == null || !active) {
            throw DomainException.ruleViolation("incident.mapping.unknown-category", "category",
                    "No active incident category " + category);
        }
        Instant now = clock.instant();
        jdbc.update("""
                insert into incident_category_mapping (source, external_code, external_name, category_code, updated_at)
                values (?, ?, ?, ?, ?)
                on conflict (source, external_code) do update set external_name = excluded.external_name,
                    category_code = excluded.category_code, updated_at = excluded.updated_at""",
                source, externalCode, externalName, category, Timestamp.from(now));
        audit.record("INCIDENT_CATEGORY_MAPPING_SAVED", "incident_category_mapping", key(source, externalCode),
                null, externalCode + " → " + category);
        return new CategoryMapping(source, externalCode, externalName, category, now);
    }

    /** Removes a mapping: reports with that code go to triage again. */
    @Transactional
    public void remove(String source, String externalCode) {
        requireSource(source, "source");
        requireCode(externalCode);
        if (jdbc.update("delete from incident_category_mapping where source = ? and external_code = ?", source,
                externalCode) == 0) {
            throw DomainException.notFound("incident.mapping.not-found",
                    "No mapping of " + externalCode + " for " + source);
        }
        audit.record("INCIDENT_CATEGORY_MAPPING_REMOVED", "incident_category_mapping", key(source, externalCode),
                null, source + ":" + externalCode);
    }

    /** Our category for their code, if the source mapped it. */
    Optional<String> categoryOf(String source, String externalCode) {
        return Optional.ofNullable(jdbc.query("select category_code from incident_category_mapping "
                + "where source = ? and external_code = ?", rs -> rs.next() ? rs.getString(1) : null, source,
                externalCode));
    }

    /** The audit log's target id (at most 64 characters). */
    private static String key(String source, String externalCode) {
        String key = source + ":" + externalCode;
        return key.length() > 64 ? key.substring(0, 64) : key;
    }

    static void requireSource(String source, String field) {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw DomainException.invalidField("incident.external-source.invalid", field,
                    "A source is 2-40 upper-case letters, digits and '_', starting with a letter (e.g. HOTLINE_12345)");
        }
    }

    private static void requireCode(String externalCode) {
        if (externalCode == null || externalCode.isBlank() || externalCode.length() > 40
                || externalCode.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalidField("incident.mapping.code", "externalCode",
                    "Their category code: 1-40 characters, no control characters");
        }
    }
}
