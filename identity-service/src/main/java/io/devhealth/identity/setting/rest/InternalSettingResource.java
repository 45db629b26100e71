package io.devhealth.identity.setting.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.setting.service.SettingService;
import io.devhealth.support.auth.ServiceRole;
import io.smallrye.mutiny.Uni;

/** Internal (service tokens only, not routed by the gateway): organization settings as services read them. */
@Path("/internal/v1/orgs/{orgId}/settings")
@Tag(name = "Internal")
@RolesAllowed(ServiceRole.SYNC_RUNNER_GROUP)
public class InternalSettingResource {

    private final SettingService settings;

    InternalSettingResource(SettingService settings) {
        this.settings = settings;
    }

    @GET
    @Operation(summary = "Every known setting of an organization",
            description = "Key → value, the organization's or the default. Sync configurations carry the same map "
                    + "(orgSettings).\n\n" + SettingResource.KEYS)
    @APIResponse(responseCode = "200", description = "The settings")
    @APIResponse(responseCode = "404", description = "No such organization")
    public Uni<OrgSettingsResponse> get(@PathParam("orgId") UUID orgId) {
        return settings.valuesForService(orgId).map(values -> new OrgSettingsResponse(orgId, values));
    }
}
