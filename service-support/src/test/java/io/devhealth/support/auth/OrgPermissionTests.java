package io.devhealth.support.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrgPermissionTests {

    @Test
    void aRoleHoldsEveryPermissionOfTheRolesBelowIt() {
        for (OrgPermission permission : OrgPermission.values()) {
            for (OrgRole role : OrgRole.values()) {
                for (OrgRole stronger : OrgRole.values()) {
                    if (stronger.atLeast(role) && permission.grantedTo(role)) {
                        assertThat(permission.grantedTo(stronger)).as("%s: %s but not %s", permission, role, stronger)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void nonMembersHoldNothingAndOwnersEverything() {
        for (OrgPermission permission : OrgPermission.values()) {
            assertThat(permission.grantedTo(null)).isFalse();
            assertThat(permission.grantedTo(OrgRole.OWNER)).isTrue();
        }
    }

    @Test
    void theMatrixSeparatesReadingFromManaging() {
        assertThat(OrgPermission.ANALYTICS_READ.grantedTo(OrgRole.VIEWER)).isTrue();
        assertThat(OrgPermission.SYNC_READ.grantedTo(OrgRole.VIEWER)).isFalse();
        assertThat(OrgPermission.SYNC_MANAGE.grantedTo(OrgRole.MEMBER)).isFalse();
        assertThat(OrgPermission.CREDENTIALS_READ.grantedTo(OrgRole.MEMBER)).isFalse();
        assertThat(OrgPermission.ORG_DELETE.grantedTo(OrgRole.ADMIN)).isFalse();
    }
}
