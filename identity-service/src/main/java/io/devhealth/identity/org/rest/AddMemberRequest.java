package io.devhealth.identity.org.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.text.CleanText;

/** Body of {@code POST /api/v1/identity/orgs/{org}/members}: an existing user, by email. */
@CleanText
public record AddMemberRequest(
        @Schema(examples = "ada@example.com") @NotBlank @Size(max = 320) String email,
        @Schema(description = "owner, admin, member or viewer", examples = "member")
        @NotNull @Pattern(regexp = MemberRoles.PATTERN, message = MemberRoles.MESSAGE) String role) {

    OrgRole orgRole() {
        return OrgRole.fromClaim(role);
    }
}
