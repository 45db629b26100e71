package io.devhealth.sync.provider.pagerduty;

/** {@link PagerDutyConfig} for tests and benchmarks: a chosen page size, so the replayed lists span several pages. */
record TestPagerDutyConfig(String apiUrl, int pageSize) implements PagerDutyConfig {

    static TestPagerDutyConfig pagesOf(int pageSize) {
        return new TestPagerDutyConfig(PagerDutyApi.PUBLIC_API, pageSize);
    }
}
