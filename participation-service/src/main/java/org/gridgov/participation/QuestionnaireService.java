package org.gridgov.participation;

import java.io.OutputStream;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.participation.QuestionnaireResults.OptionCount;
import org.gridgov.participation.QuestionnaireResults.QuestionResult;
import org.gridgov.participation.QuestionnaireResults.Scale;
import org.gridgov.participation.QuestionnaireResults.TextAnswer;
import org.gridgov.participation.QuestionnaireResults.ValueCount;
import org.gridgov.participation.QuestionnaireView.Question;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Questionnaires (问卷): questions of four kinds, an audience, anonymous or named, open between two days in China time.
 * <ul>
 * <li>Audience: {@code SUBTREE} — people whose account is bound inside the questionnaire's grid subtree (a resident
 * of another community neither sees nor answers it); {@code RESIDENTS} — any resident's account;
 * {@code PUBLIC} — anyone holding the link (its token is a 256-bit secret), without a login.</li>
 * <li>One answer per person: the unique constraint {@code (questionnaire_id, respondent_id)} decides a race, the loser
 * gets 409. Answers through the public link carry no account.</li>
 * <li>Results (staff whose scope covers the grid): counts per option, a scale's mean and distribution, text answers —
 * with the respondent's name only when the questionnaire is named (an anonymous one never stores it).</li>
 * </ul>
 */
@Service
@Transactional(readOnly = true)
public class QuestionnaireService {

    private static final Set<String> AUDIENCES = Set.of("SUBTREE", "RESIDENTS", "PUBLIC");
    private static final Set<String> KINDS = Set.of("SINGLE", "MULTIPLE", "SCALE", "TEXT");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final ParticipationContext context;
    private final AuditLog audit;
    private final Clock clock;

    QuestionnaireService(JdbcTemplate jdbc, ParticipationContext context, AuditLog audit, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.context = context;
        this.audit = audit;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Transactional
    public QuestionnaireView create(CreateQuestionnaireCommand command) {
        Caller caller = context.manager();
        if (command.title() == null || command.title().isBlank() || command.title().length() > 200) {
            throw DomainException.invalidField("field.required", "title", "Give a title (at most 200 characters)");
        }
        if (command.description() != null && command.description().length() > 4000) {
            throw DomainException.invalidField("field.too-long", "description", "At most 4000 characters");
        }
        String audience = command.audience() == null ? "SUBTREE" : command.audience();
        if (!AUDIENCES.contains(audience)) {
            throw DomainException.invalidField("participation.questionnaire.audience", "audience",
                    "SUBTREE, RESIDENTS or PUBLIC");
        }
        if (command.opensOn() == null) {
            throw DomainException.invalidField("field.required", "opensOn", "Give the first day");
        }
        if (command.closesOn() == null || command.closesOn().isBefore(command.opensOn())) {
            throw DomainException.invalidField("participation.questionnaire.closes-before-opens", "closesOn",
                    "The last day is the first day or after it");
        }
        List<QuestionSpec> questions = command.questions() == null ? List.of() : command.questions();
        if (questions.isEmpty() || questions.size() > 100) {
            throw DomainException.invalidField("participation.questionnaire.questions", "questions",
                    "1 to 100 questions");
        }
        for (int i = 0; i < questions.size(); i++) {
            validate(questions.get(i), "questions[" + i + "]");
        }
        GridNodeRef grid = context.visibleGrid(command.gridId(), "gridId");
        String token = audience.equals("PUBLIC") ? token() : null;
        Long id = jdbc.queryForObject("""
                insert into participation_questionnaire (grid_id, grid_path, title, description, audience, named,
                    link_token, opens_at, closes_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, grid.id(),
                context.pathOf(grid.id()), command.title().trim(), blank(command.description()), audience,
                Boolean.TRUE.equals(command.named()), token, Timestamp.from(startOf(command.opensOn())),
                Timestamp.from(startOf(command.closesOn().plusDays(1))), caller.username());
        for (int i = 0; i < questions.size(); i++) {
            QuestionSpec q = questions.get(i);
            boolean scale = q.kind().equals("SCALE");
            Long questionId = jdbc.queryForObject("""
                    insert into participation_question (questionnaire_id, position, kind, prompt, required, scale_min,
                        scale_max) values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, id, i + 1, q.kind(),
                    q.prompt().trim(), !Boolean.FALSE.equals(q.required()), scale ? q.scaleMin() : null,
                    scale ? q.scaleMax() : null);
            if (q.kind().equals("SINGLE") || q.kind().equals("MULTIPLE")) {
                for (int o = 0; o < q.options().size(); o++) {
                    jdbc.update("insert into participation_question_option (question_id, position, label) "
                            + "values (?, ?, ?)", questionId, o + 1, q.options().get(o).trim());
                }
            }
        }
        audit.record("QUESTIONNAIRE_CREATED", "participation_questionnaire", String.valueOf(id), null,
                command.title());
        return view(load(id), true);
    }

    private static void validate(QuestionSpec q, String field) {
        if (q == null || q.kind() == null || !KINDS.contains(q.kind())) {
            throw DomainException.invalidField("participation.question.kind", field + ".kind",
                    "SINGLE, MULTIPLE, SCALE or TEXT");
        }
        if (q.prompt() == null || q.prompt().isBlank() || q.prompt().length() > 500) {
            throw DomainException.invalidField("field.required", field + ".prompt",
                    "Ask the question (at most 500 characters)");
        }
        switch (q.kind()) {
            case "SINGLE", "MULTIPLE" -> {
                List<String> options = q.options() == null ? List.of() : q.options();
                if (options.size() < 2 || options.size() > 20) {
                    throw DomainException.invalidField("participation.question.options", field + ".options",
                            "2 to 20 options");
                }
                Set<String> seen = new HashSet<>();
                for (int o = 0; o < options.size(); o++) {
                    String label = options.get(o);
                    if (label == null || label.isBlank() || label.length() > 200 || !seen.add(label.trim())) {
                        throw DomainException.invalidField("participation.question.option", field + ".options[" + o
                                + "]", "Each option a distinct text of at most 200 characters");
                    }
                }
            }
            case "SCALE" -> {
                if (q.scaleMin() == null || q.scaleMax() == null || q.scaleMin() < 0 || q.scaleMax() > 10
                        || q.scaleMin() >= q.scaleMax()) {
                    throw DomainException.invalidField("participation.question.scale", field + ".scaleMax",
                            "A scale from scaleMin to scaleMax within 0..10, scaleMin < scaleMax");
                }
            }
            default -> {
            }
        }
    }

    /**
     * Staff: the questionnaires of their scope. People: those open now whose audience they are in (public ones are
     * reached by their link only).
     */
    public PageResult<QuestionnaireView> list(int page, int size) {
        DataScope scope = context.scope();
        SqlPredicate where;
        boolean staff = scope.kind() != DataScope.Kind.NONE;
        if (staff) {
            where = scope.sql("q.grid_path");
        }
        else {
            Caller caller = context.caller();
            Timestamp now = Timestamp.from(clock.instant());
            SqlPredicate audience = caller.hasRole(Role.RESIDENT) ? SqlPredicate.of("q.audience = 'RESIDENTS'")
                    : SqlPredicate.FALSE;
            String bound = boundPath(caller);
            if (bound != null) {
                audience = audience.or(SqlPredicate.of("q.audience = 'SUBTREE' and "
                        + PathRange.sqlJoin("cast(? as varchar)", "q.grid_path"), bound, bound));
            }
            where = SqlPredicate.of("q.opens_at <= ? and q.closes_at > ?", now, now).and(audience);
        }
        List<Map<String, Object>> rows = jdbc.queryForList("select q.* from participation_questionnaire q where "
                + where.sql() + " order by q.opens_at desc, q.id desc limit ? offset ?",
                where.argsBefore(size, (long) page * size));
        List<QuestionnaireView> items = rows.stream().map(row -> view(row, staff)).toList();
        Long total = jdbc.queryForObject("select count(*) from participation_questionnaire q where " + where.sql(),
                Long.class, where.array());
        return ParticipationContext.page(items, page, size, total);
    }

    /** One questionnaire: staff whose scope covers its grid, and the people of its audience. */
    public QuestionnaireView get(long id) {
        Map<String, Object> row = load(id);
        if (covered(row)) {
            return view(row, true);
        }
        requireAudience(row, context.caller());
        return view(row, false);
    }

    /** A public questionnaire by the token of its link (no login). */
    public QuestionnaireView byLink(String token) {
        return view(loadByToken(token), false);
    }

    /**
     * Stores the caller's answers, once: a second answer — also one racing the first — is 409
     * {@code participation.response.exists}. Outside the open days 422 naming the closing or opening day.
     */
    @Transactional
    public ResponseView answer(long id, List<AnswerSpec> answers) {
        Caller person = context.person();
        Map<String, Object> row = load(id);
        // a public questionnaire is answered through its link
        requireAudience(row, person);
        return store(row, answers, person);
    }

    /** Stores an answer given through the public link, without an account. */
    @Transactional
    public ResponseView answerByLink(String token, List<AnswerSpec> answers) {
        return store(loadByToken(token), answers, null);
    }

    private ResponseView store(Map<String, Object> row, List<AnswerSpec> answers, Caller person) {
        long id = ((Number) row.get("id")).longValue();
        Instant now = clock.instant();
        if (now.isBefore(instant(row.get("opens_at")))) {
            throw DomainException.ruleViolation("participation.questionnaire.not-open", "opensOn",
                    "The questionnaire opens on " + dayOf(instant(row.get("opens_at"))));
        }
        if (!now.isBefore(instant(row.get("closes_at")))) {
            throw DomainException.ruleViolation("participation.questionnaire.closed", "closesOn",
                    "The questionnaire closed after " + dayOf(instant(row.get("closes_at"))).minusDays(1));
        }
        List<Question> questions = questions(id);
        List<Object[]> items = items(questions, answers == null ? List.of() : answers);
        boolean named = Boolean.TRUE.equals(row.get("named"));
        List<Map<String, Object>> stored = jdbc.queryForList("""
                insert into participation_response (questionnaire_id, respondent_id, respondent_name, submitted_at)
                values (?, ?, ?, ?)
                on conflict (questionnaire_id, respondent_id) do nothing
                returning id, submitted_at""", id, person == null ? null : person.accountId(),
                named && person != null ? person.username() : null, Timestamp.from(now));
        if (stored.isEmpty()) {
            throw DomainException.conflict("participation.response.exists", "You have answered this questionnaire");
        }
        long responseId = ((Number) stored.get(0).get("id")).longValue();
        List<Object[]> batch = new ArrayList<>();
        for (Object[] item : items) {
            batch.add(new Object[] { responseId, item[0], item[1], item[2], item[3] });
        }
        jdbc.batchUpdate("insert into participation_answer (response_id, question_id, option_position, scale_value, "
                + "text) values (?, ?, ?, ?, ?)", batch);
        return new ResponseView(responseId, id, now);
    }

    /** The answers as rows (questionId, option, value, text), each checked against its question. */
    private static List<Object[]> items(List<Question> questions, List<AnswerSpec> answers) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            AnswerSpec a = answers.get(i);
            if (a == null || a.questionId() == null) {
                throw DomainException.invalidField("field.required", "answers[" + i + "].questionId",
                        "Name the question");
            }
            if (index.put(a.questionId(), i) != null) {
                throw DomainException.invalidField("participation.answer.duplicate", "answers[" + i + "].questionId",
                        "One answer per question");
            }
        }
        Set<Long> known = new HashSet<>();
        questions.forEach(q -> known.add(q.id()));
        for (Long questionId : index.keySet()) {
            if (!known.contains(questionId)) {
                throw DomainException.invalidField("participation.answer.question-unknown", "answers[" + index.get(
                        questionId) + "].questionId", "No such question in this questionnaire");
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Question q : questions) {
            Integer i = index.get(q.id());
            AnswerSpec a = i == null ? null : answers.get(i);
            String field = "answers[" + i + "]";
            boolean empty = a == null || (a.options() == null || a.options().isEmpty()) && a.value() == null
                    && (a.text() == null || a.text().isBlank());
            if (empty) {
                if (q.required()) {
                    throw DomainException.invalidField("participation.answer.required", "answers",
                            "Question " + q.position() + " must be answered");
                }
                continue;
            }
            switch (q.kind()) {
                case "SINGLE", "MULTIPLE" -> {
                    List<Integer> chosen = a.options() == null ? List.of() : a.options();
                    if (chosen.isEmpty() || q.kind().equals("SINGLE") && chosen.size() != 1
                            || chosen.size() != new HashSet<>(chosen).size()) {
                        throw DomainException.invalidField("participation.answer.options", field + ".options",
                                q.kind().equals("SINGLE") ? "Choose exactly one option" : "Choose distinct options");
                    }
                    for (Integer option : chosen) {
                        if (option == null || option < 1 || option > q.options().size()) {
                            throw DomainException.invalidField("participation.answer.option-unknown",
                                    field + ".options", "Options are numbered 1 to " + q.options().size());
                        }
                        rows.add(new Object[] { q.id(), option, null, null });
                    }
                }
                case "SCALE" -> {
                    if (a.value() == null || a.value() < q.scaleMin() || a.value() > q.scaleMax()) {
                        throw DomainException.invalidField("participation.answer.scale", field + ".value",
                                "A value from " + q.scaleMin() + " to " + q.scaleMax());
                    }
                    rows.add(new Object[] { q.id(), null, a.value(), null });
                }
                default -> {
                    if (a.text() == null || a.text().isBlank() || a.text().length() > 2000) {
                        throw DomainException.invalidField("participation.answer.text", field + ".text",
                                "A text of at most 2000 characters");
                    }
                    rows.add(new Object[] { q.id(), null, null, a.text().trim() });
                }
            }
        }
        return rows;
    }

    /** Closes the questionnaire now (managers of its grid); answers after that are refused. */
    @Transactional
    public QuestionnaireView close(long id) {
        context.manager();
        Map<String, Object> row = load(id);
        if (!covered(row)) {
            throw notFound();
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("update participation_questionnaire set closes_at = greatest(opens_at + interval '1 second', ?), "
                + "version = version + 1 where id = ? and closes_at > ?", now, id, now);
        audit.record("QUESTIONNAIRE_CLOSED", "participation_questionnaire", String.valueOf(id), null, null);
        return view(load(id), true);
    }

    /** The results, for grid staff whose scope covers the questionnaire's grid. */
    public QuestionnaireResults results(long id) {
        context.staff();
        Map<String, Object> row = load(id);
        if (!covered(row)) {
            throw notFound();
        }
        boolean named = Boolean.TRUE.equals(row.get("named"));
        long responses = jdbc.queryForObject("select count(*) from participation_response where questionnaire_id = ?",
                Long.class, id);
        List<QuestionResult> results = new ArrayList<>();
        for (Question q : questions(id)) {
            long answered = jdbc.queryForObject("select count(distinct response_id) from participation_answer where "
                    + "question_id = ?", Long.class, q.id());
            List<OptionCount> options = new ArrayList<>();
            Scale scale = null;
            List<TextAnswer> texts = List.of();
            switch (q.kind()) {
                case "SINGLE", "MULTIPLE" -> {
                    Map<Integer, Long> counts = new HashMap<>();
                    jdbc.query("select option_position, count(*) from participation_answer where question_id = ? "
                            + "and option_position is not null group by option_position",
                            (java.sql.ResultSet rs) -> {
                                counts.put(rs.getInt(1), rs.getLong(2));
                            }, q.id());
                    for (int o = 0; o < q.options().size(); o++) {
                        options.add(new OptionCount(o + 1, q.options().get(o), counts.getOrDefault(o + 1, 0L)));
                    }
                }
                case "SCALE" -> {
                    Map<Integer, Long> counts = new HashMap<>();
                    jdbc.query("select scale_value, count(*) from participation_answer where question_id = ? and "
                            + "scale_value is not null group by scale_value", (java.sql.ResultSet rs) -> {
                                counts.put(rs.getInt(1), rs.getLong(2));
                            }, q.id());
                    List<ValueCount> distribution = new ArrayList<>();
                    long n = 0;
                    long sum = 0;
                    for (int v = q.scaleMin(); v <= q.scaleMax(); v++) {
                        long c = counts.getOrDefault(v, 0L);
                        distribution.add(new ValueCount(v, c));
                        n += c;
                        sum += c * v;
                    }
                    scale = new Scale(q.scaleMin(), q.scaleMax(),
                            n == 0 ? null : Math.round(sum * 100.0 / n) / 100.0, distribution);
                }
                default -> texts = texts(q.id(), named);
            }
            results.add(new QuestionResult(q.id(), q.position(), q.kind(), q.prompt(), answered, options, scale,
                    texts));
        }
        return new QuestionnaireResults(id, (String) row.get("title"), named, responses, results);
    }

    /**
     * Text answers: with the respondent's name in a named questionnaire; in an anonymous one without, and in an order
     * that does not follow the order of submission.
     */
    private List<TextAnswer> texts(long questionId, boolean named) {
        return jdbc.query("select a.text, r.respondent_name from participation_answer a join participation_response r "
                + "on r.id = a.response_id where a.question_id = ? and a.text is not null order by "
                + (named ? "r.id" : "md5(a.text || r.id::text)") + " limit 10000",
                (rs, n) -> new TextAnswer(rs.getString(1), named ? rs.getString(2) : null), questionId);
    }

    /**
     * The results as a table — one row per option, scale value and text answer — in CSV (UTF-8 with BOM) or .xlsx
     * through the platform's one exporter, formulas neutralised.
     */
    public void export(long id, TableFormat format, OutputStream out) {
        QuestionnaireResults results = results(id);
        try (TableWriter table = TableWriter.open(format, out, "results", List.of("题号", "题目", "题型", "选项/分值/回答",
                "人数", "答题人"))) {
            for (QuestionResult q : results.questions()) {
                String position = String.valueOf(q.position());
                for (OptionCount o : q.options()) {
                    table.row(position, q.prompt(), q.kind(), o.label(), String.valueOf(o.count()), null);
                }
                if (q.scale() != null) {
                    for (ValueCount v : q.scale().distribution()) {
                        table.row(position, q.prompt(), q.kind(), String.valueOf(v.value()),
                                String.valueOf(v.count()), null);
                    }
                    table.row(position, q.prompt(), q.kind(), "mean",
                            q.scale().mean() == null ? "" : String.valueOf(q.scale().mean()), null);
                }
                for (TextAnswer t : q.texts()) {
                    table.row(position, q.prompt(), q.kind(), t.text(), "1", t.respondent());
                }
            }
        }
    }

    /** The title for the export's file name (after the same checks as the results). */
    public String exportName(long id) {
        results(id);
        return "questionnaire-" + id;
    }

    private void requireAudience(Map<String, Object> row, Caller caller) {
        String audience = (String) row.get("audience");
        boolean in = switch (audience) {
            case "RESIDENTS" -> caller.hasRole(Role.RESIDENT);
            case "SUBTREE" -> {
                String bound = boundPath(caller);
                yield bound != null && PathRange.under((String) row.get("grid_path")).contains(bound);
            }
            default -> false;
        };
        if (!in) {
            throw notFound();
        }
    }

    /** The path of the grid the caller's account is bound to, or null. */
    private String boundPath(Caller caller) {
        if (caller.scopeNodeId() == null || context.grids().byId(caller.scopeNodeId()).isEmpty()) {
            return null;
        }
        return context.pathOf(caller.scopeNodeId());
    }

    private boolean covered(Map<String, Object> row) {
        return context.scope().covers((String) row.get("grid_path"));
    }

    private Map<String, Object> load(long id) {
        List<Map<String, Object>> rows = jdbc.queryForList("select * from participation_questionnaire where id = ?",
                id);
        if (rows.isEmpty()) {
            throw notFound();
        }
        return rows.get(0);
    }

    private Map<String, Object> loadByToken(String token) {
        List<Map<String, Object>> rows = token == null || !token.matches("[A-Za-z0-9_-]{43}") ? List.of()
                : jdbc.queryForList("select * from participation_questionnaire where link_token = ?", token);
        if (rows.isEmpty()) {
            throw notFound();
        }
        return rows.get(0);
    }

    private List<Question> questions(long id) {
        Map<Long, List<String>> options = new LinkedHashMap<>();
        jdbc.query("select o.question_id, o.label from participation_question_option o join participation_question q "
                + "on q.id = o.question_id where q.questionnaire_id = ? order by o.question_id, o.position",
                (java.sql.ResultSet rs) -> {
                    options.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, id);
        RowMapper<Question> mapper = (rs, n) -> new Question(rs.getLong("id"), rs.getInt("position"),
                rs.getString("kind"), rs.getString("prompt"), rs.getBoolean("required"),
                options.getOrDefault(rs.getLong("id"), List.of()), (Integer) rs.getObject("scale_min"),
                (Integer) rs.getObject("scale_max"));
        return jdbc.query("select * from participation_question where questionnaire_id = ? order by position", mapper,
                id);
    }

    private QuestionnaireView view(Map<String, Object> row, boolean staff) {
        long id = ((Number) row.get("id")).longValue();
        Instant opens = instant(row.get("opens_at"));
        Instant closes = instant(row.get("closes_at"));
        Instant now = clock.instant();
        long responses = jdbc.queryForObject("select count(*) from participation_response where questionnaire_id = ?",
                Long.class, id);
        return new QuestionnaireView(id, ((Number) row.get("grid_id")).longValue(), (String) row.get("title"),
                (String) row.get("description"), (String) row.get("audience"), Boolean.TRUE.equals(row.get("named")),
                dayOf(opens), dayOf(closes.minusSeconds(1)), opens, closes, !now.isBefore(opens) && now.isBefore(closes),
                staff ? (String) row.get("link_token") : null, responses, questions(id));
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return (Instant) value;
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ParticipationContext.CHINA).toInstant();
    }

    private static LocalDate dayOf(Instant instant) {
        return instant.atZone(ParticipationContext.CHINA).toLocalDate();
    }

    private static String token() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static DomainException notFound() {
        return DomainException.notFound("participation.questionnaire.not-found", "No such questionnaire");
    }
}
