package org.gridgov.console;

import org.gridgov.identity.ScopedPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Console entry pages: login, and home with the user's role dashboard ({@link HomeDashboard}). */
@Controller
class HomeConsoleController {

    private final HomeDashboard dashboard;

    HomeConsoleController(HomeDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal ScopedPrincipal me, Model model) {
        if (me != null) {
            model.addAttribute("dashboard", dashboard.of(me));
        }
        return "home";
    }
}
