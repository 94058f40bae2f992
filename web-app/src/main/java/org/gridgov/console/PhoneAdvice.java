package org.gridgov.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.Move;
import org.gridgov.shared.security.Role;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the one phone layout needs on every phone page (the phone web app's and the participation phone pages):
 * whether the signed-in person is grid staff (work navigation) or not (resident navigation), and the texts the
 * pages' scripts show, as JSON for a data block (inline scripts are forbidden by the CSP).
 */
@ControllerAdvice(assignableTypes = { PhoneController.class, ParticipationPhoneController.class,
        ParticipationVoicePhoneController.class, ActivityPhoneController.class })
class PhoneAdvice {

    private static final List<String> SCRIPT_KEYS = Stream.of(
            Stream.of(IncidentState.values()).map(s -> "incident.state." + s.name()),
            Stream.of(Move.values()).map(m -> "incident.move." + m.name()),
            Stream.of("queued", "sent", "offline", "failed", "empty", "live", "locating", "located", "no-location",
                    "done", "overdue", "due-soon", "fine", "due", "redeem", "redeemed", "rated", "note-required",
                    "tracking", "card-open", "balance", "stock", "never-visited", "outside", "report-here", "new-report", "record-visit")
                .map(k -> "phone.js." + k))
        .flatMap(s -> s)
        .toList();

    private final MessageSource messages;
    private final JsonMapper json;

    PhoneAdvice(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @ModelAttribute("worker")
    boolean worker(@AuthenticationPrincipal ScopedPrincipal me) {
        return me != null && Role.GRID_STAFF.contains(me.role());
    }

    @ModelAttribute("phoneMessages")
    String phoneMessages(Locale locale) {
        Map<String, String> texts = new LinkedHashMap<>();
        SCRIPT_KEYS.forEach(key -> texts.put(key, messages.getMessage(key, null, key, locale)));
        // a JSON data block inside <script type="application/json">: "</" must not end the element
        return json.writeValueAsString(texts).replace("</", "<\\/");
    }
}
