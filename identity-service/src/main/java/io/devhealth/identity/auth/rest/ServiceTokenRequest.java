package io.devhealth.identity.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.devhealth.support.text.CleanText;
import io.devhealth.support.text.Verbatim;

/** Body of {@code POST /internal/v1/auth/service-token}. */
@CleanText
public record ServiceTokenRequest(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,62}", message = "must be a lower-case service name")
        String clientId,
        @NotBlank @Size(max = 1024) @Verbatim String clientSecret) {

    @Override
    public String toString() {
        return "ServiceTokenRequest[clientId=" + clientId + ", clientSecret=***]";
    }
}
