package io.devhealth.identity.org;

import jakarta.persistence.Converter;

import io.devhealth.identity.persistence.LowerCaseEnumConverter;
import io.devhealth.support.auth.OrgRole;

/** {@code memberships.role}: owner, admin, member, viewer — the same spelling as in tokens. */
@Converter(autoApply = true)
public class OrgRoleConverter extends LowerCaseEnumConverter<OrgRole> {

    public OrgRoleConverter() {
        super(OrgRole.class);
    }
}
