package org.gridgov.platform.security;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, as the apps need it to show the right screens. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity", description = "The signed-in account")
class MeController {

    /** The signed-in account: name and roles. */
    record MeView(String username, List<String> roles) {
    }

    @GetMapping
    @Operation(summary = "Who am I", description = "The authenticated account's username and roles.")
    MeView me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5)).toList();
        return new MeView(authentication.getName(), roles);
    }
}
