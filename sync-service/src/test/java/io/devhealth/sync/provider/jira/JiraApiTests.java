package io.devhealth.sync.provider.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.http.ProviderJson;

/** Jira's conventions without a server: authentication by credential metadata, options, JQL dates, type mapping. */
class JiraApiTests {

    private static String authorization(JiraApi api, Map<String, String> metadata) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://acme.atlassian.net/rest/api/3/myself"));
        api.forCredential(metadata).authenticate(request, "s3cret");
        return request.build().headers().firstValue("Authorization").orElseThrow();
    }

    @Test
    void anApiTokenWithItsAccountEmailIsBasicAndAnyOtherTokenIsBearer() {
        JiraApi api = new JiraApi("https://acme.atlassian.net/");
        assertThat(api.baseUrl()).hasToString("https://acme.atlassian.net");
        assertThat(authorization(api, Map.of("email", "bot@acme.test"))).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("bot@acme.test:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(authorization(api, Map.of())).isEqualTo("Bearer s3cret");
        assertThat(authorization(api, Map.of("email", " "))).isEqualTo("Bearer s3cret");
    }

    @Test
    void optionsGiveProjectsOrAFilterWhoseOrderIsDropped() throws Exception {
        assertThat(JiraOptions.from(Map.of("siteUrl", "https://acme.atlassian.net", "projectKeys", List.of("PAY",
                "OPS"))).scopeJql()).isEqualTo("project in (\"PAY\", \"OPS\")");
        assertThat(JiraOptions.from(Map.of("siteUrl", "https://acme.atlassian.net", "jql",
                "project = PAY AND labels = backend order by created DESC")).scopeJql())
                .isEqualTo("project = PAY AND labels = backend");
        assertThatThrownBy(() -> JiraOptions.from(Map.of("siteUrl", "https://acme.atlassian.net")))
                .isInstanceOf(SyncFailedException.class).hasMessage("options must give either projectKeys or jql");
        assertThatThrownBy(() -> JiraOptions.from(Map.of("projectKeys", List.of("PAY"))))
                .isInstanceOf(SyncFailedException.class).hasMessageContaining("options.siteUrl is required");
    }

    @Test
    void jqlDatesAreMinutesInTheUsersZoneAndAnUnknownZoneReadsEarlier() {
        Instant at = Instant.parse("2026-12-01T23:59:59.900Z");
        JiraSite shanghai = new JiraSite(List.of(), null, null, Map.of(), Map.of(), ZoneId.of("Asia/Shanghai"));
        assertThat(shanghai.jqlDate(at)).isEqualTo("2026/12/02 07:59");
        JiraSite unknown = new JiraSite(List.of(), null, null, Map.of(), Map.of(), null);
        assertThat(unknown.jqlDate(at)).isEqualTo("2026/12/01 09:59");
    }

    @Test
    void typesComeFromHierarchyAndUntranslatedNames() {
        assertThat(JiraTypes.type(1, false, "长篇故事")).isEqualTo("epic");
        assertThat(JiraTypes.type(-1, true, "子任务")).isEqualTo("task");
        assertThat(JiraTypes.type(0, false, "Story")).isEqualTo("story");
        assertThat(JiraTypes.type(0, false, "Bug")).isEqualTo("bug");
        assertThat(JiraTypes.type(0, false, "Incident")).isEqualTo("incident");
        assertThat(JiraTypes.type(0, false, "Test Execution")).isEqualTo("other");
        assertThat(JiraTypes.category("indeterminate")).isEqualTo("in_progress");
    }

    @Test
    void timestampsWithOrWithoutTheOffsetsColonAreRead() {
        assertThat(ProviderJson.parseTime("2021-03-28T16:06:08.713+0800", "updated"))
                .isEqualTo(Instant.parse("2021-03-28T08:06:08.713Z").toEpochMilli());
        assertThat(ProviderJson.parseTime("2021-03-28T16:06:08.713+08:00", "updated"))
                .isEqualTo(Instant.parse("2021-03-28T08:06:08.713Z").toEpochMilli());
        assertThat(ProviderJson.parseTime("2021-03-28T08:06:08Z", "updated"))
                .isEqualTo(Instant.parse("2021-03-28T08:06:08Z").toEpochMilli());
    }
}
