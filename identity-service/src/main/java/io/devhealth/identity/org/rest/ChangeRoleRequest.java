package io.devhealth.identity.org.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.text.CleanText;

/** Body of {@code PATCH /api/v1/identity/orgs/{org}/members/{userId}}. */
@CleanText
public record ChangeRoleRequest(
        @Schema(description = "owner, admin, member or viewer", examples = "admin")
        @NotNull @Pattern(regexp = MemberRoles.PATTERN, message = MemberRoles.MESSAGE) String role) {

    OrgRole orgRole() {
        return OrgRole.fromClaim(role);
    }
}
