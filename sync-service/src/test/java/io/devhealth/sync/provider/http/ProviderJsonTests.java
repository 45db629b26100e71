package io.devhealth.sync.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Timestamps as providers write them: the fast path agrees with java.time on every shape, and refuses what it must. */
class ProviderJsonTests {

    @Test
    void everyProviderShapeDecodesToTheInstantJavaTimeReads() {
        Random random = new Random(20261202);
        List<DateTimeFormatter> shapes = List.of(
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX"), // GitHub: Z
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX"), // GitLab: .123Z
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx"), // Jira: +0800
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx"), // PagerDuty: -05:00
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx"), // microseconds
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.Sxxx"));
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-14 * 4, 14 * 4 + 1) * 900);
            String text = shapes.get(i % shapes.size()).format(instant.atOffset(offset));
            long expected = OffsetDateTime.parse(text.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                    .toInstant().toEpochMilli();
            assertThat(ProviderJson.parseCommonTime(text)).as(text).isEqualTo(expected);
            assertThat(ProviderJson.parseTime(text, "created")).as(text).isEqualTo(expected);
        }
    }

    @Test
    void whatTheFastPathDoesNotKnowIsLeftToJavaTimeWhichReadsOrRefusesIt() {
        assertThat(ProviderJson.parseCommonTime("2026-02-30T10:00:00Z")).isEqualTo(Long.MIN_VALUE);
        assertThat(ProviderJson.parseCommonTime("2026-12-02T24:00:00Z")).isEqualTo(Long.MIN_VALUE);
        assertThat(ProviderJson.parseCommonTime("2026-12-02T10:00:00")).isEqualTo(Long.MIN_VALUE);
        assertThat(ProviderJson.parseCommonTime("2026-12-02T10:00:00.Z")).isEqualTo(Long.MIN_VALUE);
        assertThat(ProviderJson.parseCommonTime("2026-12-02T10:00:00+1")).isEqualTo(Long.MIN_VALUE);
        assertThat(ProviderJson.parseCommonTime("2026-12-02 10:00:00Z")).isEqualTo(Long.MIN_VALUE);
        assertThat(ProviderJson.parseCommonTime("２０２６-12-02T10:00:00Z")).isEqualTo(Long.MIN_VALUE);

        assertThat(ProviderJson.parseTime("2026-12-02t10:00:00z", "at"))
                .isEqualTo(Instant.parse("2026-12-02T10:00:00Z").toEpochMilli());
        for (String bad : List.of("2026-12-02T10:00:00", "yesterday", "2026-12-02T10:00:00+1")) {
            assertThatThrownBy(() -> ProviderJson.parseTime(bad, "created")).isInstanceOf(ApiException.class)
                    .hasMessageContaining("\"created\" is not an ISO-8601 timestamp");
        }
    }
}
