package io.devhealth.sync.provider.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.sync.provider.http.ApiException;
import io.devhealth.sync.provider.http.ApiResponse;
import io.devhealth.sync.provider.http.OffsetPagination;

/**
 * An incident's log page decoded in one pass: the entries and the page's position (offset, limit, more), from which the
 * next page and the offset cap follow without reading the body again. Entries are the recorded ones.
 */
class LogEntryJsonTests {

    private static final URI FIRST = URI.create(RecordedPagerDuty.ORIGIN
            + "/incidents/Q1/log_entries?time_zone=UTC&limit=2&offset=0");

    /** A page of the recorded incident's first log entries, with the envelope members after the array as served. */
    private static ApiResponse page(URI uri, long offset, long limit, boolean more) {
        ObjectNode recorded = RecordedPagerDuty.recorded().getFirst();
        ArrayNode entries = ((ArrayNode) recorded.get("log_entries")).deepCopy();
        while (entries.size() > limit) {
            entries.remove(entries.size() - 1);
        }
        ObjectNode body = entries.objectNode();
        body.set("log_entries", entries);
        body.put("limit", limit).put("offset", offset).put("more", more).putNull("total");
        return new ApiResponse(uri, 200, HttpHeaders.of(Map.of(), (a, b) -> true),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPageGivesItsEntriesAndItsPositionInOnePass() {
        LogEntryJson.Page page = LogEntryJson.page(page(FIRST, 0, 2, true));

        JsonNode recordedEntries = RecordedPagerDuty.recorded().getFirst().get("log_entries");
        List<String> recordedIds = List.of(recordedEntries.get(0).get("id").asText(),
                recordedEntries.get(1).get("id").asText());
        assertThat(page.entries()).extracting(LogEntryJson.LogEntry::id).containsExactlyElementsOf(recordedIds);
        assertThat(page.position()).isEqualTo(new OffsetPagination.Page(0, 2, true));
        assertThat(PagerDutyApi.PAGINATION.next(FIRST, page.position())).contains(URI.create(RecordedPagerDuty.ORIGIN
                + "/incidents/Q1/log_entries?time_zone=UTC&limit=2&offset=2"));
        assertThat(PagerDutyApi.PAGINATION.capped(page.position())).isFalse();

        LogEntryJson.Page last = LogEntryJson.page(page(FIRST, 4, 2, false));
        assertThat(PagerDutyApi.PAGINATION.next(FIRST, last.position())).isEmpty();
    }

    @Test
    void theLastPageTheOffsetCapAllowsSaysTheLogWentOn() {
        long limit = 100;
        long lastAllowed = PagerDutyApi.MAX_OFFSET - limit;
        LogEntryJson.Page page = LogEntryJson.page(page(FIRST, lastAllowed, limit, true));

        assertThat(PagerDutyApi.PAGINATION.next(FIRST, page.position())).isEmpty();
        assertThat(PagerDutyApi.PAGINATION.capped(page.position())).isTrue();
        assertThat(PagerDutyApi.PAGINATION.capped(LogEntryJson.page(page(FIRST, lastAllowed, limit, false)).position()))
                .isFalse();
    }

    @Test
    void aPageWithoutItsEntriesArrayIsMalformed() {
        ApiResponse noEntries = new ApiResponse(FIRST, 200, HttpHeaders.of(Map.of(), (a, b) -> true),
                "{\"limit\":2,\"offset\":0,\"more\":false}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> LogEntryJson.page(noEntries)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.MALFORMED)).hasMessageContaining("log_entries");
    }
}
