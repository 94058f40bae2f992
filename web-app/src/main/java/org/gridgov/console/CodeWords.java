package org.gridgov.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.gridgov.points.ServiceRecordService;
import org.gridgov.points.ServiceTypeView;
import org.gridgov.resident.ResidentService;
import org.gridgov.resident.TagView;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The console's codes in words: states, tags, audit actions, roles, ledger types, points rules, timeline notes and
 * import errors, used as {@code ${@codes.tags(resident.tags)}}, {@code ${@codes.auditAction(e.action())}} and so on.
 * The API keeps its codes; only the pages put them into words, from the message bundles (a code the bundles do not
 * know yet is shown as it is, so nothing disappears).
 *
 * <p>Some words are data rather than code: a special group an administrator added is named by its row, a points rule
 * by its service type's name in the catalogue (both read at most once a minute). Timeline notes and points rules were
 * written as sentences by the server (and the API keeps them): the ones the platform itself writes are recognised and
 * said again from a bundle key and their arguments — those typed by people are shown as typed.
 */
@Component("codes")
public class CodeWords {

    private static final Duration NAMES_KEPT = Duration.ofMinutes(1);

    private static final Pattern SERVICE_RULE = Pattern.compile(
            "^(\\S+) v(\\d+): (\\d+)/(service|hour)(?:, cap (\\d+)/month)?$");

    private static final Pattern INCIDENT_RULE = Pattern.compile(
            "^incident closed with the reporter's confirmation, resolved on time: (\\d+) \\([^)]*\\)"
                    + "(?:, at most (\\d+) a month \\([^)]*\\))?$");

    private static final Pattern ROLE_DETAIL = Pattern.compile(
            "^(?:role |([A-Z][A-Z_]+) → )([A-Z][A-Z_]+)(?: at grid (\\d+))?$");

    private static final Pattern ROLE_TOKEN = Pattern.compile(
            "\\b(?:SYSTEM_ADMIN|DISTRICT_OFFICER|STREET_OFFICER|COMMUNITY_WORKER|GRID_WORKER|DEPARTMENT_STAFF|MERCHANT"
                    + "|RESIDENT|INTEGRATOR)\\b");

    private static final Pattern EXPIRY_RULE = Pattern.compile("^points credited before (\\S+) expire$");

    /** The notes the platform writes on an incident's timeline: the action, the note's shape, the bundle key. */
    private static final List<NoteShape> NOTES = List.of(
            new NoteShape("REPORTED", "^outside every grid: routed to the intake queue of (.+?)"
                    + "(?:; (\\S+) category (.+) is not mapped: waits for triage)?$", "code.note.reported.outside"),
            new NoteShape("REPORTED", "^assigned to (.+?)(?:; (\\S+) category (.+) is not mapped: waits for triage)?$",
                    "code.note.reported.assigned"),
            new NoteShape(null, "^to (.+?)(?:: (.+))?$", "code.note.escalated"),
            new NoteShape("CHECK_IN_OVERDUE", "^department (\\d+)$", "code.note.check-in-overdue"),
            new NoteShape("AUTO_CLOSE", "^not rated within (\\d+) days$", "code.note.auto-close"),
            new NoteShape("TO_COMMUNITY", "^unsatisfied again: the community takes it over$", "code.note.to-community"),
            new NoteShape("MERGE", "^merged into (\\S+)(?:: (.+))?$", "code.note.merged"),
            new NoteShape("MERGED_IN", "^(\\S+) follows this incident$", "code.note.merged-in"),
            new NoteShape("PHOTO", "^photo (\\d+)$", "code.note.photo"),
            new NoteShape("WHISTLE", "^summoned (.+?)(?:; (.+))?$", "code.note.whistle"),
            new NoteShape("OVERDUE_REMINDER", "^受理超时$", "code.note.overdue.accept"),
            new NoteShape("OVERDUE_REMINDER", "^办结超时$", "code.note.overdue.resolve"),
            new NoteShape("HOLDER_MOVED", "^网格调整：由(.+?)转至(.+)$", "code.note.holder-moved"),
            new NoteShape("SUPERVISE", "^督办，请于 (.+?) 前办结(?:：(.+))?$", "code.note.supervise"),
            new NoteShape("EXTEND", "^延期：办结时限由 (.+?) 延至 (.+?)：(.+)$", "code.note.extend"),
            new NoteShape("REASSIGN", "^改派：(.*?) → (.+?)：(.+)$", "code.note.reassign"),
            new NoteShape("CLASSIFY", "^分类：([^：]+)(?:：(.+))?$", "code.note.classify"));

    private final MessageSource messages;
    private final Names tagNames;
    private final Names serviceTypeNames;

    CodeWords(MessageSource messages, ResidentService residents, ServiceRecordService services) {
        this.messages = messages;
        this.tagNames = new Names(() -> residents.tags().stream()
            .collect(Collectors.toMap(TagView::code, TagView::name, (a, b) -> a)));
        this.serviceTypeNames = new Names(() -> services.types().stream()
            .collect(Collectors.toMap(ServiceTypeView::code, ServiceTypeView::name, (a, b) -> a)));
    }

    /** Any code under a bundle prefix, e.g. {@code word('participation.state.', s.state())}. */
    public String word(String prefix, Object code) {
        if (code == null) {
            return "";
        }
        String name = code instanceof Enum<?> constant ? constant.name() : code.toString();
        return message(prefix + name, name);
    }

    /** A resident's special group: its words in the bundles, else the name it was defined with. */
    public String tag(String code) {
        if (code == null) {
            return "";
        }
        String named = messages.getMessage("code.tag." + code, null, null, locale());
        return named != null ? named : tagNames.get().getOrDefault(code, code);
    }

    /** A resident's special groups, joined as a sentence of the user's language would ("独居老人、低保户"). */
    public String tags(Collection<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return "";
        }
        return codes.stream().map(this::tag).collect(Collectors.joining(message("code.list.separator", ", ")));
    }

    public String auditAction(String action) {
        if (action == null) {
            return "";
        }
        if (action.startsWith("POINTS_VOUCHER_")) {
            return message("code.audit.POINTS_VOUCHER", action,
                    word("code.points.state.", action.substring("POINTS_VOUCHER_".length())));
        }
        return message("code.audit." + action, action);
    }

    /** The role a person acted in ({@code GRID_WORKER} → 网格员). */
    public String role(String role) {
        return role == null ? "" : message("identity.role." + role, role);
    }

    /** What an audit record is about ({@code account 12} → 账号 12). */
    public String auditTarget(String type, String id) {
        if (type == null) {
            return "";
        }
        return message("code.target." + type, type) + (id == null ? "" : " " + id);
    }

    /**
     * An audit record's detail as the platform wrote it: an account's role ("role GRID_WORKER at grid 18", "GRID_WORKER
     * → COMMUNITY_WORKER at grid 3") in words; any other role named in it by its word; the rest as written.
     */
    public String auditDetail(String detail) {
        if (detail == null || detail.isBlank()) {
            return detail;
        }
        Matcher granted = ROLE_DETAIL.matcher(detail);
        if (granted.matches()) {
            String from = granted.group(1) == null ? null : role(granted.group(1));
            String text = from == null ? message("code.audit.detail.role", detail, role(granted.group(2)))
                    : message("code.audit.detail.role-changed", detail, from, role(granted.group(2)));
            return granted.group(3) == null ? text : text + message("code.audit.detail.at-grid", "", granted.group(3));
        }
        Matcher token = ROLE_TOKEN.matcher(detail);
        StringBuilder said = new StringBuilder();
        while (token.find()) {
            token.appendReplacement(said, Matcher.quoteReplacement(role(token.group())));
        }
        return token.appendTail(said).toString();
    }

    /** A value before or after a change in an audit record: a role, a grid's type or status in words, the rest as recorded. */
    public String auditValue(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        for (String prefix : List.of("grid.role.", "grid.type.", "grid.status.")) {
            String named = messages.getMessage(prefix + text, null, null, locale());
            if (named != null) {
                return named;
            }
        }
        return message("identity.role." + text, text);
    }

    /** The state of a service record, a redemption, a grant or a voucher. */
    public String pointsState(String state) {
        return word("code.points.state.", state);
    }

    /** Why points moved ({@code EARN} → 获得). */
    public String entryType(String type) {
        return word("code.points.entry.", type);
    }

    /** Whose an account is ({@code POOL} → 公益池). */
    public String accountKind(String kind) {
        return word("code.points.account.", kind);
    }

    /**
     * The rule an entry was posted under, in words: "ELDERLY_CARE v1: 8/service, cap 160/month" is said as
     * "独居老人关爱 第1版：每次8分，每月上限160分".
     */
    public String rule(String rule) {
        if (rule == null || rule.isBlank()) {
            return "";
        }
        Matcher service = SERVICE_RULE.matcher(rule);
        if (service.matches()) {
            String type = service.group(1);
            String name = message("code.points.type." + type, serviceTypeNames.get().getOrDefault(type, type));
            String sentence = message("code.points.rule.per-" + service.group(4), rule, name, service.group(2),
                    service.group(3));
            return service.group(5) == null ? sentence
                    : sentence + message("code.points.rule.cap", "", service.group(5));
        }
        Matcher incident = INCIDENT_RULE.matcher(rule);
        if (incident.matches()) {
            String sentence = message("code.points.rule.incident", rule, incident.group(1));
            return incident.group(2) == null ? sentence
                    : sentence + message("code.points.rule.cap", "", incident.group(2));
        }
        Matcher expiry = EXPIRY_RULE.matcher(rule);
        if (expiry.matches()) {
            return message("code.points.rule.expiry", rule, expiry.group(1));
        }
        return rule;
    }

    /** A service type with its rule, as offered when recording a service. */
    public String serviceType(ServiceTypeView type) {
        return type.name() + " (" + rule(type.ruleText()) + ")";
    }

    /**
     * A note of an incident's timeline: one the platform wrote ("assigned to 王建国") as a sentence of the user's
     * language from its key and arguments, one a person typed as typed.
     */
    public String timelineNote(String action, String note) {
        if (note == null || note.isBlank()) {
            return note;
        }
        for (NoteShape shape : NOTES) {
            if (shape.action() != null && !shape.action().equals(action)) {
                continue;
            }
            if (shape.action() == null && !(action != null && action.contains("ESCALATE"))) {
                continue;
            }
            Matcher matcher = shape.pattern().matcher(note);
            if (matcher.matches()) {
                return sentence(shape.key(), matcher, note);
            }
        }
        return note;
    }

    /**
     * One problem of an import, in words: the column's name and the problem from the error's code; the server's own
     * text (English, naming values) when the bundles do not know the code.
     */
    public String importError(String code, String field, String message) {
        String column = field == null ? "" : message("code.import.field." + field, field);
        if (code == null) {
            return message;
        }
        return message("code.import." + code, message == null ? code : message, column);
    }

    /** A column of an import file by its name in the template ({@code idNumber} → 身份证号). */
    public String importField(String field) {
        return field == null ? "" : message("code.import.field." + field, field);
    }

    private String sentence(String key, Matcher matcher, String fallback) {
        Object[] args = new Object[matcher.groupCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = matcher.group(i + 1) == null ? "" : matcher.group(i + 1);
        }
        String base = message(key, fallback, args);
        // optional parts (a reason, a note, a category waiting for triage) are added only when they were written
        String suffix = messages.getMessage(key + ".more", args, null, locale());
        boolean hasMore = args.length > 1 && !String.valueOf(args[args.length - 1]).isEmpty();
        return hasMore && suffix != null ? base + suffix : base;
    }

    /** The fallback is returned as it is, never run through MessageFormat (a server's sentence may hold a quote). */
    private String message(String key, String fallback, Object... args) {
        String found = messages.getMessage(key, args.length == 0 ? null : args, null, locale());
        return found != null ? found : fallback;
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private record NoteShape(String action, Pattern pattern, String key) {

        NoteShape(String action, String regex, String key) {
            this(action, Pattern.compile(regex), key);
        }
    }

    /** Names that are data, read again at most once a minute (a page shows many rows of a few names). */
    private static final class Names {

        private final Supplier<Map<String, String>> source;
        private final Clock clock = Clock.systemUTC();
        private volatile Map<String, String> names;
        private volatile Instant readAt = Instant.MIN;

        Names(Supplier<Map<String, String>> source) {
            this.source = source;
        }

        Map<String, String> get() {
            Instant now = clock.instant();
            if (names == null || readAt.plus(NAMES_KEPT).isBefore(now)) {
                try {
                    names = Map.copyOf(source.get());
                }
                catch (RuntimeException ex) {
                    // a page must not fail for want of a name: the code is shown instead
                    return names == null ? Map.of() : names;
                }
                readAt = now;
            }
            return names;
        }
    }
}
