package io.devhealth.sync.provider.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pagination by the {@code Link} header's {@code rel="next"} target, else by a header naming the next page number
 * (GitLab: {@code X-Next-Page}, empty on the last page), which replaces the {@code page} query parameter of the page
 * just read. GitLab sends both on offset pages and only {@code Link} on keyset pages (whose cursor lives in the URL);
 * some proxies and older self-managed versions drop {@code Link}, so the number is the fallback.
 */
public final class NextPageHeaderPagination implements Pagination {

    private final String nextPageHeader;
    private final String pageParameter;

    /**
     * @param nextPageHeader e.g. {@code X-Next-Page}
     * @param pageParameter  the query parameter carrying the page number, e.g. {@code page}
     */
    public NextPageHeaderPagination(String nextPageHeader, String pageParameter) {
        this.nextPageHeader = nextPageHeader;
        this.pageParameter = pageParameter;
    }

    @Override
    public Optional<URI> next(ApiResponse page) {
        Optional<URI> linked = LinkHeaderPagination.INSTANCE.next(page);
        if (linked.isPresent()) {
            return linked;
        }
        return page.header(nextPageHeader).map(String::trim).filter(n -> n.matches("[1-9][0-9]{0,9}"))
                .map(n -> withPage(page.uri(), pageParameter, n));
    }

    /** {@code uri} with query parameter {@code pageParameter} set to {@code page} (added when absent), others kept. */
    public static URI withPage(URI uri, String pageParameter, String page) {
        List<String> params = new ArrayList<>();
        boolean replaced = false;
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                if (param.equals(pageParameter) || param.startsWith(pageParameter + "=")) {
                    if (!replaced) {
                        params.add(pageParameter + "=" + page);
                        replaced = true;
                    }
                } else if (!param.isEmpty()) {
                    params.add(param);
                }
            }
        }
        if (!replaced) {
            params.add(pageParameter + "=" + page);
        }
        String base = uri.toString();
        int cut = base.indexOf('?');
        int fragment = base.indexOf('#');
        String path = cut >= 0 ? base.substring(0, cut) : fragment >= 0 ? base.substring(0, fragment) : base;
        return URI.create(path + "?" + String.join("&", params));
    }
}
