package io.devhealth.support.page;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of every paginated list ({@code @BeanParam PageRequest page}): {@code limit} items from
 * {@code offset}. {@code limit} is capped at {@value #MAX_LIMIT}: a larger one is a 422, never a huge answer.
 */
public class PageRequest {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** Offsets beyond this are refused: deep pages cost the database a scan of everything before them. */
    public static final int MAX_OFFSET = 100_000;

    @QueryParam("limit")
    @DefaultValue("50")
    @Min(1)
    @Max(MAX_LIMIT)
    @Parameter(description = "Items per page, 1–200 (default 50)")
    int limit = DEFAULT_LIMIT;

    @QueryParam("offset")
    @DefaultValue("0")
    @Min(0)
    @Max(MAX_OFFSET)
    @Parameter(description = "Items to skip, 0–100000 (default 0)")
    int offset;

    public PageRequest() {
    }

    public PageRequest(int limit, int offset) {
        this.limit = limit;
        this.offset = offset;
    }

    public int limit() {
        return limit;
    }

    public int offset() {
        return offset;
    }
}
