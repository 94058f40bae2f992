package org.gridgov.resident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridgov.grid.GridDirectory;
import org.gridgov.resident.internal.Masking;
import org.gridgov.resident.internal.PersonRules;
import org.gridgov.resident.internal.PersonalDataCipher;
import org.gridgov.resident.internal.ResidentViewMapper;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents: registration with checked identity, dated residences, tags, care levels, search and audited reveals.
 * Personal data is encrypted by {@link PersonalDataCipher}; lists and cards show it masked. A person belongs to the
 * micro grid of the dwelling they live in (else where registered); that grid's path is their data scope.
 */
@Service
@Transactional(readOnly = true)
public class ResidentService {

    public static final String ID_NUMBER = "id_number";
    public static final String PHONE = "phone";
    public static final String HEALTH_NOTE = "health_note";
    /** Searches count at most this many matches (a name prefix can match a million people). */
    public static final int COUNT_CAP = 10_000;

    /**
     * Exact search by ID number through its keyed hash, whatever the document type. The hash is indexed only behind
     * the type ({@code unique (id_type, id_number_hmac)}), so the types are listed: PostgreSQL enters the index once
     * per type instead of reading all of it (milliseconds instead of seconds at 20 million residents).
     */
    static final String BY_ID_NUMBER = PersonRules.ID_TYPES.stream().sorted().map(t -> "'" + t + "'")
        .collect(Collectors.joining(", ", "p.id_type in (", ") and p.id_number_hmac = ?"));

    /** Roles that may reveal each field, and export unmasked. */
    static final Set<Role> REVEAL_ALL = Role.MANAGERS;

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final GridDirectory grids;
    private final HousingService housing;
    private final DataScopeProvider scopes;
    private final CallerProvider callers;
    private final AuditLog audit;
    private final ResidentViewMapper views;
    private final Clock clock;

    ResidentService(JdbcTemplate jdbc, PersonalDataCipher cipher, GridDirectory grids, HousingService housing,
            DataScopeProvider scopes, CallerProvider callers, AuditLog audit, ResidentViewMapper views,
            Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.grids = grids;
        this.housing = housing;
        this.scopes = scopes;
        this.callers = callers;
        this.audit = audit;
        this.views = views;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    }

    // ---------------------------------------------------------------- registration

    @Transactional
    public ResidentView register(RegisterResidentCommand command) {
        PersonRules.Checked checked = PersonRules.check(command.name(), command.gender(), command.birthDate(),
                command.idType(), command.idNumber(), command.phone(), command.ethnicity(), command.populationType(),
                today());
        if (!checked.violations().isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.invalid",
                    "The resident record is not valid", checked.violations());
        }
        if (command.dwellingId() == null) {
            throw DomainException.invalidField("resident.dwelling.required", "dwellingId", "dwellingId is required");
        }
        String relation = relation(command.relationToHead());
        if (command.healthNote() != null && command.healthNote().length() > 2000) {
            throw DomainException.invalidField("resident.health-note.invalid", "healthNote", "at most 2000 characters");
        }
        DwellingView dwelling = visibleDwelling(command.dwellingId(), "dwellingId");
        DwellingView registered = command.registeredDwellingId() == null ? null
                : visibleDwelling(command.registeredDwellingId(), "registeredDwellingId");
        List<String> tags = checkTags(command.tags());
        LocalDate movedIn = command.movedIn() == null ? today() : command.movedIn();
        PersonRules.Person p = checked.person();
        Long id;
        try {
            id = jdbc.queryForObject("""
                    insert into resident_person (name, gender, birth_date, id_type, id_number_enc, id_number_hmac,
                        id_number_masked, phone_enc, phone_hmac, phone_masked, ethnicity, population_type, party_member,
                        volunteer, health_note_enc, grid_id, grid_path)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, p.name(),
                    p.gender(), p.birthDate(), p.idType(), cipher.encrypt(p.idNumber(), ID_NUMBER),
                    cipher.index(p.idNumber(), ID_NUMBER), Masking.idNumber(p.idNumber()),
                    cipher.encrypt(p.phone(), PHONE), cipher.index(p.phone(), PHONE), Masking.phone(p.phone()),
                    p.ethnicity(), p.populationType(), Boolean.TRUE.equals(command.partyMember()),
                    Boolean.TRUE.equals(command.volunteer()),
                    cipher.encrypt(HousingService.blankToNull(command.healthNote()), HEALTH_NOTE),
                    dwelling.grid().id(), grids.pathOf(dwelling.grid().id()));
        }
        catch (DuplicateKeyException ex) {
            throw new DomainException(DomainException.Kind.CONFLICT, "resident.duplicate",
                    "A resident with this ID number is already recorded",
                    List.of(new org.gridgov.shared.FieldViolation("idNumber", "resident.duplicate",
                            "already recorded")));
        }
        insertResidence(id, dwelling.id(), "LIVING", relation, movedIn);
        if (registered != null) {
            insertResidence(id, registered.id(), "REGISTERED", relation, movedIn);
        }
        else if (p.populationType().equals("REGISTERED")) {
            insertResidence(id, dwelling.id(), "REGISTERED", relation, movedIn);
        }
        for (String tag : tags) {
            jdbc.update("insert into resident_person_tag (person_id, tag_code) values (?, ?)", id, tag);
        }
        return get(id);
    }

    private void insertResidence(long personId, long dwellingId, String kind, String relation, LocalDate movedIn) {
        jdbc.update("""
                insert into resident_residence (person_id, dwelling_id, kind, relation_to_head, moved_in)
                values (?, ?, ?, ?, ?)""", personId, dwellingId, kind, relation, movedIn);
    }

    /**
     * Moves a resident: the current residence of that kind ends the day before {@code movedIn} and a new one starts,
     * so the history stays. Moving where one lives also moves the person's grid (and who may see them).
     */
    @Transactional
    public ResidentView move(long id, Long dwellingId, String kind, String relationToHead, LocalDate movedIn) {
        ResidentView person = get(id);
        String k = kind == null ? "LIVING" : kind.strip().toUpperCase(Locale.ROOT);
        if (!k.equals("LIVING") && !k.equals("REGISTERED")) {
            throw DomainException.invalidField("resident.residence-kind.invalid", "kind", "kind: LIVING or REGISTERED");
        }
        if (dwellingId == null) {
            throw DomainException.invalidField("resident.dwelling.required", "dwellingId", "dwellingId is required");
        }
        DwellingView dwelling = visibleDwelling(dwellingId, "dwellingId");
        LocalDate from = movedIn == null ? today() : movedIn;
        List<LocalDate> current = jdbc.queryForList("select moved_in from resident_residence where person_id = ? and "
                + "kind = ? and moved_out is null", LocalDate.class, id, k);
        if (!current.isEmpty() && from.isBefore(current.get(0))) {
            throw DomainException.ruleViolation("resident.move.before-current", "movedIn",
                    "movedIn is before the current residence began (" + current.get(0) + ")");
        }
        jdbc.update("update resident_residence set moved_out = ? where person_id = ? and kind = ? and moved_out is null",
                from, id, k);
        insertResidence(id, dwelling.id(), k, relation(relationToHead), from);
        if (k.equals("LIVING")) {
            jdbc.update("update resident_person set grid_id = ?, grid_path = ?, version = version + 1 where id = ?",
                    dwelling.grid().id(), grids.pathOf(dwelling.grid().id()), id);
        }
        // the new dwelling is in the caller's scope, so the person still is
        return get(person.id());
    }

    private DwellingView visibleDwelling(long id, String field) {
        try {
            return housing.dwelling(id);
        }
        catch (DomainException ex) {
            throw DomainException.ruleViolation("resident.dwelling.unknown", field, "No dwelling " + id + " in your scope");
        }
    }

    private static String relation(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String r = value.strip().toUpperCase(Locale.ROOT);
        if (!PersonRules.RELATIONS.contains(r)) {
            throw DomainException.invalidField("resident.relation.invalid", "relationToHead",
                    "relationToHead must be one of " + PersonRules.RELATIONS);
        }
        return r;
    }

    // ---------------------------------------------------------------- tags and care

    public List<TagView> tags() {
        return jdbc.query("select code, name, special_group from resident_tag order by code",
                (rs, row) -> new TagView(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
    }

    @Transactional
    public TagView defineTag(String code, String name, boolean specialGroup) {
        if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,39}")) {
            throw DomainException.invalidField("resident.tag.invalid", "code", "code: A-Z, 0-9, _ (2-40)");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw DomainException.invalidField("resident.tag.invalid", "name", "name is required (≤ 100)");
        }
        jdbc.update("""
                insert into resident_tag (code, name, special_group) values (?, ?, ?)
                on conflict (code) do update set name = excluded.name, special_group = excluded.special_group""",
                code, name.strip(), specialGroup);
        return new TagView(code, name.strip(), specialGroup);
    }

    private List<String> checkTags(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        List<String> known = jdbc.queryForList("select code from resident_tag", String.class);
        List<String> unique = tags.stream().map(t -> t == null ? "" : t.strip().toUpperCase(Locale.ROOT)).distinct()
            .toList();
        for (String tag : unique) {
            if (!known.contains(tag)) {
                throw DomainException.invalidField("resident.tag.unknown", "tags", "Unknown tag " + tag);
            }
        }
        return unique;
    }

    @Transactional
    public ResidentView setTags(long id, List<String> tags) {
        get(id);
        List<String> checked = checkTags(tags);
        jdbc.update("delete from resident_person_tag where person_id = ?", id);
        for (String tag : checked) {
            jdbc.update("insert into resident_person_tag (person_id, tag_code) values (?, ?)", id, tag);
        }
        return get(id);
    }

    /** Sets (or, with a null level, ends) the person's care level; a reason is always required. */
    @Transactional
    public ResidentView setCareLevel(long id, CareLevel level, String reason) {
        get(id);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw DomainException.invalidField("resident.care.reason-required", "reason",
                    "A reason (≤ 500 characters) is required to set a care level");
        }
        jdbc.update("""
                update resident_person set care_level = ?, care_reason = ?, care_set_by = ?, care_set_at = ?,
                       version = version + 1 where id = ?""", level == null ? null : level.name(),
                level == null ? null : reason.strip(), callers.current().username(), Timestamp.from(clock.instant()),
                id);
        audit.record("CARE_LEVEL_SET", "resident", Long.toString(id), pathOf(id),
                (level == null ? "cleared" : level.name()) + ": " + reason.strip());
        return get(id);
    }

    // ---------------------------------------------------------------- reading

    static final String SELECT = """
            select p.id, p.name, p.gender, p.birth_date, p.id_type, p.id_number_masked, p.phone_masked, p.ethnicity,
                   p.population_type, p.party_member, p.volunteer, p.health_note_enc is not null as has_health_note,
                   p.grid_id, p.care_level, p.care_reason, p.last_visit_at
              from resident_person p""";

    public ResidentView get(long id) {
        SqlPredicate visible = scopes.current().sql("p.grid_path");
        return jdbc.query(SELECT + " where p.id = ? and " + visible.sql(), this::view, visible.argsAfter(id)).stream()
            .findFirst().map(this::withDetails)
            .orElseThrow(() -> DomainException.notFound("resident.not-found", "No resident " + id));
    }

    /** The residents living in a dwelling now (a household's residents). */
    public List<ResidentView> household(long dwellingId) {
        housing.dwelling(dwellingId);
        SqlPredicate visible = scopes.current().sql("p.grid_path");
        List<ResidentView> people = jdbc.query(SELECT + """
                 join resident_residence r on r.person_id = p.id and r.moved_out is null and r.kind = 'LIVING'
                where r.dwelling_id = ? and\s""" + visible.sql() + " order by p.birth_date", this::view,
                visible.argsAfter(dwellingId));
        return withTags(people);
    }

    /** Residents the caller may see that match, by name. */
    public PageResult<ResidentView> search(ResidentSearch search, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(search, args);
        Long total = jdbc.queryForObject("select count(*) from (select 1 from resident_person p" + where + " limit "
                + COUNT_CAP + ") m", Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<ResidentView> items = jdbc.query(SELECT + where + " order by p.name, p.id limit ? offset ?", this::view,
                args.toArray());
        long count = total == null ? 0 : total;
        return new PageResult<>(withTags(items), page, size, count, (int) ((count + size - 1) / size));
    }

    /** The SQL filter for a search, scope first. */
    String where(ResidentSearch search, List<Object> args) {
        SqlPredicate visible = scopes.current().sql("p.grid_path");
        StringBuilder where = new StringBuilder(" where ").append(visible.sql());
        args.addAll(visible.args());
        if (search.nodeId() != null) {
            String path = grids.pathOf(housing.visibleGrid(search.nodeId(), "nodeId").id());
            PathRange.under(path).sql("p.grid_path").appendTo(where, args);
        }
        if (search.idNumber() != null && !search.idNumber().isBlank()) {
            where.append(" and ").append(BY_ID_NUMBER);
            args.add(cipher.index(IdNumbers.normalise(search.idNumber()), ID_NUMBER));
        }
        if (search.phone() != null && !search.phone().isBlank()) {
            where.append(" and p.phone_hmac = ?");
            args.add(cipher.index(Masking.normalisePhone(search.phone()), PHONE));
        }
        if (search.name() != null && !search.name().isBlank()) {
            where.append(" and p.name like ?");
            args.add(search.name().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (search.tag() != null && !search.tag().isBlank()) {
            where.append(" and exists (select 1 from resident_person_tag t where t.person_id = p.id and t.tag_code = ?)");
            args.add(search.tag().strip().toUpperCase(Locale.ROOT));
        }
        if (search.specialGroups()) {
            where.append(" and exists (select 1 from resident_person_tag t join resident_tag g on g.code = t.tag_code "
                    + "where t.person_id = p.id and g.special_group)");
        }
        if (search.careLevel() != null) {
            where.append(" and p.care_level = ?");
            args.add(search.careLevel().name());
        }
        return where.toString();
    }

    // ---------------------------------------------------------------- reveal

    /**
     * The full value of one field, for a role allowed to see it (managers every field; grid workers the phone), with
     * a reason; written to the audit log before it is returned.
     *
     * @param field ID_NUMBER, PHONE or HEALTH_NOTE
     */
    public RevealedValue reveal(long id, String field, String reason) {
        String f = field == null ? "" : field.strip().toUpperCase(Locale.ROOT);
        String column = switch (f) {
            case "ID_NUMBER" -> ID_NUMBER;
            case "PHONE" -> PHONE;
            case "HEALTH_NOTE" -> HEALTH_NOTE;
            default -> throw DomainException.invalidField("resident.reveal.field", "field",
                    "field must be ID_NUMBER, PHONE or HEALTH_NOTE");
        };
        if (reason == null || reason.strip().length() < 2 || reason.length() > 500) {
            throw DomainException.invalidField("resident.reveal.reason-required", "reason",
                    "Say why you need the full value (2-500 characters)");
        }
        get(id);
        Caller caller = callers.current();
        if (!mayReveal(caller, f)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "resident.reveal.forbidden",
                    "A " + caller.role() + " may not reveal " + f);
        }
        byte[] stored = jdbc.queryForObject("select " + column + "_enc from resident_person where id = ?", byte[].class,
                id);
        audit.record("PERSONAL_DATA_REVEALED", "resident", Long.toString(id), pathOf(id),
                f + " — reason: " + reason.strip());
        return new RevealedValue(id, f, cipher.decrypt(stored, column));
    }

    public static boolean mayReveal(Caller caller, String field) {
        return caller != null && (REVEAL_ALL.contains(caller.role())
                || caller.hasRole(Role.GRID_WORKER) && field.equals("PHONE"));
    }

    /** The decrypted ID number and phone of residents, for unmasked exports (the caller checked the right). */
    Map<Long, String[]> plaintext(List<Long> ids) {
        Map<Long, String[]> values = new HashMap<>();
        if (ids.isEmpty()) {
            return values;
        }
        jdbc.query("select id, id_number_enc, phone_enc from resident_person where id = any(?)", rs -> {
            values.put(rs.getLong(1), new String[] { cipher.decrypt(rs.getBytes(2), ID_NUMBER),
                    cipher.decrypt(rs.getBytes(3), PHONE) });
        }, (Object) ids.toArray(Long[]::new));
        return values;
    }

    String pathOf(long id) {
        return jdbc.queryForObject("select grid_path from resident_person where id = ?", String.class, id);
    }

    // ---------------------------------------------------------------- mapping

    ResidentView view(ResultSet rs, int row) throws SQLException {
        Timestamp lastVisit = rs.getTimestamp("last_visit_at");
        String care = rs.getString("care_level");
        return new ResidentView(rs.getLong("id"), rs.getString("name"), rs.getString("gender"),
                rs.getObject("birth_date", LocalDate.class), rs.getString("id_type"), rs.getString("id_number_masked"),
                rs.getString("phone_masked"), rs.getString("ethnicity"), rs.getString("population_type"),
                rs.getBoolean("party_member"), rs.getBoolean("volunteer"), rs.getBoolean("has_health_note"), List.of(),
                grids.byId(rs.getLong("grid_id")).orElse(null), care == null ? null : CareLevel.valueOf(care),
                rs.getString("care_reason"), lastVisit == null ? null : lastVisit.toInstant(), List.of());
    }

    List<ResidentView> withTags(List<ResidentView> people) {
        if (people.isEmpty()) {
            return people;
        }
        Map<Long, List<String>> tags = new HashMap<>();
        jdbc.query("select person_id, tag_code from resident_person_tag where person_id = any(?) order by tag_code",
                rs -> {
                    tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, (Object) people.stream().map(ResidentView::id).toArray(Long[]::new));
        return people.stream().map(p -> views.withDetails(p, tags.getOrDefault(p.id(), List.of()), p.residences()))
            .toList();
    }

    private ResidentView withDetails(ResidentView p) {
        List<ResidentView.ResidenceView> residences = jdbc.query("""
                select r.id, r.dwelling_id, c.name || ' ' || b.name || case when d.unit = '' then '' else ' ' || d.unit
                       || '单元' end || ' ' || d.room, r.kind, r.relation_to_head, r.moved_in, r.moved_out
                  from resident_residence r
                  join resident_dwelling d on d.id = r.dwelling_id
                  join resident_building b on b.id = d.building_id
                  join resident_compound c on c.id = b.compound_id
                 where r.person_id = ? order by r.moved_in desc, r.id desc""",
                (rs, row) -> new ResidentView.ResidenceView(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class),
                        rs.getObject(7, LocalDate.class)), p.id());
        List<String> tags = jdbc.queryForList("select tag_code from resident_person_tag where person_id = ? order by 1",
                String.class, p.id());
        return views.withDetails(p, tags, residences);
    }
}
