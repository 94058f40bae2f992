package org.gridgov.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.gridgov.incident.IncidentSource;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.Move;
import org.gridgov.points.AccountKind;
import org.gridgov.points.EntryType;
import org.gridgov.points.ServiceRecordService;
import org.gridgov.points.ServiceTypeView;
import org.gridgov.resident.CareLevel;
import org.gridgov.resident.ResidentService;
import org.gridgov.resident.TagView;
import org.gridgov.shared.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The console says codes in words (issue 19 #4), and no code can slip through: every constant of the enums the
 * console shows, every audit action and timeline action the sources write, every special group and points state
 * the migrations define has words in both the Chinese and the English bundles.
 */
class CodeWordsTest {

    static final Path ROOT = Path.of("..");

    final CodeWords codes = new CodeWords(bundles(), residents(), services());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @ParameterizedTest
    @ValueSource(strings = { "zh_CN", "en" })
    void every_constant_of_the_enums_the_console_shows_has_words(String locale) {
        Properties bundle = bundle(locale);
        List<String> missing = new ArrayList<>();
        missing.addAll(missing(bundle, "incident.state.", IncidentState.values()));
        missing.addAll(missing(bundle, "incident.source.", IncidentSource.values()));
        missing.addAll(missing(bundle, "incident.action.", Move.values()));
        missing.addAll(missing(bundle, "identity.role.", Role.values()));
        missing.addAll(missing(bundle, "code.points.entry.", EntryType.values()));
        missing.addAll(missing(bundle, "code.points.account.", AccountKind.values()));
        missing.addAll(missing(bundle, "resident.care.", CareLevel.values()));
        assertThat(missing).as("keys missing in the %s bundles", locale).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "zh_CN", "en" })
    void every_audit_action_the_sources_record_has_words(String locale) {
        Set<String> actions = auditActions();
        assertThat(actions).as("the scan finds the actions (it must not pass by finding none)")
            .contains("LOGIN_SUCCEEDED", "PERSONAL_DATA_REVEALED", "GRID_CREATED", "BOOKING_REJECTED")
            .hasSizeGreaterThan(40);
        Properties bundle = bundle(locale);
        assertThat(actions.stream().map(action -> action.endsWith("_") ? action.substring(0, action.length() - 1)
                : action).filter(action -> !bundle.containsKey("code.audit." + action)))
            .as("audit actions without words in the %s bundles", locale).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "zh_CN", "en" })
    void every_timeline_action_the_incident_module_writes_has_words(String locale) {
        Set<String> actions = literals(ROOT.resolve("incident-service/src/main/java"),
                Pattern.compile("journal\\.record\\([^;]*?\"([A-Z][A-Z_]+)\""), null, ';');
        actions.add("HOLDER_MOVED");
        assertThat(actions).contains("REPORTED", "OVERDUE_REMINDER", "AUTO_CLOSE");
        Properties bundle = bundle(locale);
        assertThat(actions.stream().filter(action -> !bundle.containsKey("incident.action." + action)))
            .as("timeline actions without words in the %s bundles", locale).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "zh_CN", "en" })
    void every_special_group_and_points_state_the_migrations_define_has_words(String locale) {
        Set<String> tags = literals(ROOT.resolve("db/migration/resident"),
                Pattern.compile("\\('([A-Z][A-Z_]+)', '[^']*'\\)"), "insert into resident_tag", ';');
        Set<String> states = literals(ROOT.resolve("db/migration/points"),
                Pattern.compile("'([A-Z][A-Z_]+)'"), "check (state in", ')');
        assertThat(tags).contains("ELDERLY_ALONE", "VETERAN");
        assertThat(states).contains("SUBMITTED", "ISSUED", "VERIFIED");
        Properties bundle = bundle(locale);
        assertThat(tags.stream().filter(tag -> !bundle.containsKey("code.tag." + tag))).isEmpty();
        assertThat(states.stream().filter(state -> !bundle.containsKey("code.points.state." + state))).isEmpty();
    }

    @Test
    void a_points_rule_is_said_with_the_service_types_name() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(codes.rule("ELDERLY_CARE v1: 8/service, cap 160/month"))
            .isEqualTo("独居老人关爱 第1版：每次8分，每月上限160分");
        assertThat(codes.rule("VOLUNTEER_HOURS v3: 10/hour")).isEqualTo("志愿服务（小时） 第3版：每小时10分");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(codes.rule("ELDERLY_CARE v1: 8/service, cap 160/month"))
            .isEqualTo("独居老人关爱, version 1: 8 points per service, at most 160 points a month");
        assertThat(codes.rule("incident closed with the reporter's confirmation, resolved on time: 5 "
                + "(gridgov.points.incident-on-time-points), at most 100 a month (gridgov.points.incident-monthly-cap)"))
            .isEqualTo("Incident resolved on time and confirmed by the reporter: 5 points, at most 100 points a month");
        assertThat(codes.rule("a rule someone wrote by hand")).isEqualTo("a rule someone wrote by hand");
    }

    @Test
    void a_timeline_note_the_platform_wrote_is_a_sentence_of_the_users_language() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(codes.timelineNote("REPORTED", "assigned to 王建国")).isEqualTo("已派给 王建国");
        assertThat(codes.timelineNote("REPORTED", "assigned to 第1微网格; HOTLINE category 噪音 is not mapped: "
                + "waits for triage")).isEqualTo("已派给 第1微网格；HOTLINE 类别“噪音”尚无对照，待分类");
        assertThat(codes.timelineNote("ESCALATE", "to 三义桥社区: 需要社区协调")).isEqualTo("上报至 三义桥社区：需要社区协调");
        assertThat(codes.timelineNote("AUTO_ESCALATE", "to 东升街道")).isEqualTo("上报至 东升街道");
        assertThat(codes.timelineNote("AUTO_CLOSE", "not rated within 7 days")).isEqualTo("7 天内未评价，自动关闭");
        assertThat(codes.timelineNote("NOTE", "assigned to 王建国")).as("typed by a person: shown as typed")
            .isEqualTo("assigned to 王建国");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(codes.timelineNote("REPORTED", "assigned to 王建国")).isEqualTo("Assigned to 王建国");
        assertThat(codes.timelineNote("OVERDUE_REMINDER", "办结超时")).isEqualTo("Not resolved in time");
        assertThat(codes.timelineNote("WHISTLE", "summoned 燃气公司、城管; 请带检测仪"))
            .isEqualTo("Summoned 燃气公司、城管; 请带检测仪");
    }

    @Test
    void tags_audit_actions_roles_and_ledger_words_are_named() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(codes.tags(List.of("ELDERLY_ALONE", "LOW_INCOME"))).isEqualTo("独居老人、低保户");
        assertThat(codes.tags(List.of("NEW_GROUP"))).as("a group added by an administrator: its own name")
            .isEqualTo("新群体");
        assertThat(codes.tags(List.of("UNHEARD_OF"))).isEqualTo("UNHEARD_OF");
        assertThat(codes.auditAction("LOGIN_SUCCEEDED")).isEqualTo("登录成功");
        assertThat(codes.auditAction("POINTS_VOUCHER_REDEEMED")).isEqualTo("兑换券已兑付");
        assertThat(codes.auditTarget("account", "12")).isEqualTo("账号 12");
        assertThat(codes.role("GRID_WORKER")).isEqualTo("网格员");
        assertThat(codes.auditDetail("role GRID_WORKER at grid 18")).isEqualTo("角色：网格员，网格 18");
        assertThat(codes.auditDetail("GRID_WORKER → COMMUNITY_WORKER")).isEqualTo("角色：网格员 → 社区工作者");
        assertThat(codes.auditDetail("3 points to RESIDENT")).isEqualTo("3 points to 居民");
        assertThat(codes.auditValue("MICRO_GRID_WORKER")).isEqualTo("微网格员");
        assertThat(codes.auditValue("MICRO_GRID")).isEqualTo("微网格");
        assertThat(codes.auditValue("ACTIVE")).isEqualTo("启用");
        assertThat(codes.auditValue("第1网格")).isEqualTo("第1网格");
        assertThat(codes.pointsState("SUBMITTED")).isEqualTo("待审核");
        assertThat(codes.entryType("EARN")).isEqualTo("获得");
        assertThat(codes.accountKind("POOL")).isEqualTo("公益池");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(codes.tags(List.of("ELDERLY_ALONE", "LOW_INCOME"))).isEqualTo("Elderly, living alone, Low income (dibao)");
        assertThat(codes.auditAction("LOGIN_SUCCEEDED")).isEqualTo("Signed in");
    }

    @Test
    void an_import_error_is_said_per_row_from_its_code_and_column() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(codes.importError("resident.id-number.invalid", "idNumber", "ID number 110101X is invalid"))
            .isEqualTo("证件号码无效（位数或校验位不正确）");
        assertThat(codes.importError("resident.import.too-long", "compoundName", "compoundName: at most 100"))
            .isEqualTo("小区名称：内容过长");
        assertThat(codes.importField("microGridCode")).isEqualTo("微网格编码");
        assertThat(codes.importError("some.new.code", "x", "the server's own words")).isEqualTo("the server's own words");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(codes.importError("grid.import.charset", "file", "bad charset"))
            .isEqualTo("The file's encoding is not recognised: save it in UTF-8 or GBK");
    }

    private static List<String> missing(Properties bundle, String prefix, Enum<?>[] constants) {
        return Arrays.stream(constants).map(constant -> prefix + constant.name())
            .filter(key -> !bundle.containsKey(key)).toList();
    }

    /** The audit actions written anywhere in the modules' sources: the first code-like literal(s) of each call. */
    static Set<String> auditActions() {
        Pattern call = Pattern.compile("\\b(?:audit\\w*|gridAudit|log)\\s*\\.\\s*(?:record|recordChange|change)\\("
                + "([^;]{0,300})", Pattern.DOTALL);
        Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9_]+)\"");
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path source : modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory)
                .toList()) {
                for (String text : texts(source, ".java")) {
                    if (!text.contains("AuditLog") && !text.contains("GridAudit")) {
                        continue;
                    }
                    Matcher calls = call.matcher(text);
                    while (calls.find()) {
                        Matcher literals = literal.matcher(calls.group(1));
                        while (literals.find()) {
                            actions.add(literals.group(1));
                        }
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return actions;
    }

    /** Literals matched in the files under a folder (only from a marker to the next {@code end}, when given). */
    static Set<String> literals(Path folder, Pattern pattern, String marker, char end) {
        Set<String> found = new TreeSet<>();
        for (String text : texts(folder, folder.toString().contains("migration") ? ".sql" : ".java")) {
            if (marker == null) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    found.add(matcher.group(1));
                }
                continue;
            }
            int at = text.indexOf(marker);
            while (at >= 0) {
                int until = text.indexOf(end, at + marker.length());
                Matcher matcher = pattern.matcher(text.substring(at, until < 0 ? text.length() : until));
                while (matcher.find()) {
                    found.add(matcher.group(1));
                }
                at = text.indexOf(marker, at + 1);
            }
        }
        return found;
    }

    private static List<String> texts(Path folder, String suffix) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(suffix)).map(file -> {
                try {
                    return Files.readString(file);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** All keys of one language: that language's file of every bundle the application configures. */
    static Properties bundle(String locale) {
        Properties all = new Properties();
        for (String basename : basenames()) {
            try (InputStream in = CodeWordsTest.class.getResourceAsStream("/" + basename + "_" + locale
                    + ".properties")) {
                if (in == null) {
                    continue;
                }
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    all.load(reader);
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return all;
    }

    /** The bundles as application.yml names them. */
    static List<String> basenames() {
        try {
            String yml = Files.readString(Path.of("src/main/resources/application.yml"));
            Matcher basename = Pattern.compile("basename: (\\S+)").matcher(yml);
            assertThat(basename.find()).isTrue();
            return List.of(basename.group(1).split(","));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(basenames().toArray(String[]::new));
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static ResidentService residents() {
        ResidentService residents = mock(ResidentService.class);
        when(residents.tags()).thenReturn(List.of(new TagView("ELDERLY_ALONE", "独居老人", true),
                new TagView("NEW_GROUP", "新群体", true)));
        return residents;
    }

    private static ServiceRecordService services() {
        ServiceRecordService services = mock(ServiceRecordService.class);
        when(services.types()).thenReturn(List.of(
                new ServiceTypeView("ELDERLY_CARE", "独居老人关爱", "FIXED", 8, 160, true, 1),
                new ServiceTypeView("VOLUNTEER_HOURS", "志愿服务（小时）", "PER_HOUR", 10, 300, true, 3)));
        return services;
    }
}
