package org.gridgov.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.identity.TokenPair;
import org.gridgov.identity.TokenService;
import org.gridgov.incident.IncidentConfigService;
import org.gridgov.shared.security.Role;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The phone web app ({@code /m/}) for grid workers and residents: server-rendered shells, one per task, whose
 * scripts ({@code static/js/phone-*.js}) call the same REST API as every other client. The phone signs in like the
 * console (the session, so the participation phone pages and these share one login); its pages get a short-lived
 * API access token for that session from {@code POST /m/token} (CSRF-protected, no refresh token: the page asks
 * again when it expires). Installable: a web manifest and a service worker scoped to {@code /m/}.
 */
@Controller
@RequestMapping("/m")
class PhoneController {

    private final TokenService tokens;
    private final GridDirectory grids;
    private final MessageSource messages;
    private final IncidentConfigService categoriesConfig;

    PhoneController(TokenService tokens, GridDirectory grids, MessageSource messages,
            IncidentConfigService categoriesConfig) {
        this.categoriesConfig = categoriesConfig;
        this.tokens = tokens;
        this.grids = grids;
        this.messages = messages;
    }

    @GetMapping({ "", "/" })
    @PreAuthorize("isAuthenticated()")
    String home() {
        return "phone/home";
    }

    @GetMapping("/queue")
    @PreAuthorize("isAuthenticated()")
    String queue() {
        return "phone/queue";
    }

    @GetMapping("/incidents/{id}")
    @PreAuthorize("isAuthenticated()")
    String incident(@PathVariable long id, Model model) {
        model.addAttribute("incidentId", id);
        return "phone/incident";
    }

    /** 随手报; {@code grid}: the grid code when the page is opened from a grid card (no position needed then). */
    @GetMapping("/report")
    @PreAuthorize("isAuthenticated()")
    String report(@AuthenticationPrincipal ScopedPrincipal me, @RequestParam(required = false) String grid,
            Model model) {
        String gridCode = grid != null && grid.matches("[0-9A-Za-z_-]{1,32}") ? grid : null;
        if (gridCode == null && me != null && me.role() == Role.GRID_WORKER) {
            gridCode = myGrid(me).map(GridNodeRef::code).orElse(null);
        }
        model.addAttribute("gridCode", gridCode);
        // rendered into the page, so a page opened before still offers them without signal
        model.addAttribute("categories", categoriesConfig.categories().stream()
            .filter(IncidentConfigService.CategoryView::active).toList());
        return "phone/report";
    }

    @GetMapping("/reports")
    @PreAuthorize("isAuthenticated()")
    String reports() {
        return "phone/reports";
    }

    @GetMapping("/visits")
    @PreAuthorize("isAuthenticated()")
    String visits() {
        return "phone/visits";
    }

    @GetMapping("/service")
    @PreAuthorize("isAuthenticated()")
    String service(@AuthenticationPrincipal ScopedPrincipal me, Model model) {
        model.addAttribute("gridCode", myGrid(me).map(GridNodeRef::code).orElse(null));
        return "phone/service";
    }

    @GetMapping("/points")
    @PreAuthorize("isAuthenticated()")
    String points() {
        return "phone/points";
    }

    /** My grid card: a worker's own grid, a resident's by position (or the last card they opened). */
    @GetMapping("/card")
    @PreAuthorize("isAuthenticated()")
    String card(@AuthenticationPrincipal ScopedPrincipal me, Model model) {
        Map<String, Object> grid = myGrid(me).<Map<String, Object>>map(g -> Map.of("code", g.code(), "name", g.name()))
            .orElse(null);
        model.addAttribute("myGrid", grid);
        return "phone/card";
    }

    /** An API access token for the signed-in session, for the page's scripts. */
    @PostMapping(path = "/token", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("isAuthenticated()")
    @ResponseBody
    ResponseEntity<Map<String, Object>> token(@AuthenticationPrincipal ScopedPrincipal me) {
        TokenPair pair = tokens.issueAccessOnly(me);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
            .body(Map.of("accessToken", pair.accessToken(), "expiresIn", pair.expiresIn()));
    }

    /** The web manifest (public: browsers fetch it without cookies). */
    @GetMapping(path = "/manifest.webmanifest")
    @ResponseBody
    ResponseEntity<Map<String, Object>> manifest(Locale locale) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", messages.getMessage("phone.app.name", null, locale));
        manifest.put("short_name", messages.getMessage("phone.app.short", null, locale));
        manifest.put("lang", locale.toLanguageTag());
        manifest.put("start_url", "/m/");
        manifest.put("scope", "/m/");
        manifest.put("display", "standalone");
        manifest.put("background_color", "#f6f7f9");
        manifest.put("theme_color", "#b71c1c");
        manifest.put("icons", List.of(Map.of("src", "/m/icon.svg", "sizes", "any", "type", "image/svg+xml",
                "purpose", "any")));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/manifest+json"))
            .cacheControl(CacheControl.noCache()).body(manifest);
    }

    /** The service worker, served from here so that its scope is {@code /m/} (public, like any script). */
    @GetMapping("/sw.js")
    @ResponseBody
    ResponseEntity<Resource> serviceWorker() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/javascript"))
            .cacheControl(CacheControl.noCache()).header("Service-Worker-Allowed", "/m/")
            .body(new ClassPathResource("static/js/phone-sw.js"));
    }

    @GetMapping("/icon.svg")
    @ResponseBody
    ResponseEntity<Resource> icon() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("image/svg+xml"))
            .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)))
            .body(new ClassPathResource("static/css/phone-icon.svg"));
    }

    private java.util.Optional<GridNodeRef> myGrid(ScopedPrincipal me) {
        return me == null || me.scopeNodeId() == null || me.role() == Role.RESIDENT ? java.util.Optional.empty()
                : grids.byId(me.scopeNodeId());
    }
}
