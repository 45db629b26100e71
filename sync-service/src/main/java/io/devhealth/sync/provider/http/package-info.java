/**
 * What every HTTP provider (GitHub, GitLab, Jira, PagerDuty) shares: one {@link io.devhealth.sync.provider.http.ApiClient}
 * per run that authenticates with the configuration's credential (read from identity per run, held in memory only),
 * follows the provider's own pagination, waits out rate limits (reporting until when), bounds concurrency per
 * credential, sends conditional requests, and turns HTTP failures into messages fit for users. A provider plugs in
 * its base URL, auth header, pagination and rate-limit policy as a {@link io.devhealth.sync.provider.http.ProviderApi}.
 * Incremental cursors ({@link io.devhealth.sync.provider.http.StreamCursor}) and per-stream figures
 * ({@link io.devhealth.sync.provider.http.StreamStats}) are shared too.
 */
package io.devhealth.sync.provider.http;
