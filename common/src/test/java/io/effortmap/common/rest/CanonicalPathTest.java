package io.effortmap.common.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v1/surveys", "/api/v1/surveys/", "/api/v1/journeys/jr_5fGh7JkL9mNp/touchpoints/tp_1",
            "/api/v1/public/surveys/q7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uQ/responses", "/s/abc",
            "/api/v1/customers/c%40example.com/timeline", "/api/v1/customers/a.b/timeline", "/api/v1/customers/...x/timeline",
            "/api/v1/customers/a%2eb/timeline", "/openapi", "/q/swagger-ui/index.html",
            // Partner-chosen ids may hold separators and ';': this stack never decodes them before routing.
            "/api/v1/customers/acct%2F42/timeline", "/api/v1/customers/a%5cb/timeline", "/api/v1/customers/a%3Bb/timeline",
            "/api/v1/customers/%27%3B%20return%20true%3B%20var%20x%3D%27/timeline", "/api/v1/customers/...%2F.../timeline"})
    void acceptsPathsThatMeanTheSameEverywhere(String path) {
        assertThat(CanonicalPath.violation(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/public/../surveys", "/api/v1/public/./surveys", "/api/v1/surveys/..",
            "/api/v1/surveys/.", "/api/v1/public/%2e%2e/surveys", "/api/v1/public/%2E%2E/surveys", "/api/v1/public/.%2e/surveys",
            "/api/v1/public/%2e./surveys", "/api/v1/public/%2e/surveys", "/..", "/api/v1/public/surveys/..",
            "//api/v1/surveys", "/api/v1//surveys", "/api/v1/public;x=1/surveys", "/api/v1/public/..;/surveys",
            "/api/v1/public/surveys\\..\\..\\surveys", "/api/v1/public%2f..%2fsurveys", "/api/v1/public%2F..%2Fsurveys",
            "/api/v1/public%5c..%5csurveys", "/api/v1/public/surveys/x%2f%2e%2e", "/api/v1/public/surveys/.%2fx",
            "/api/v1/surveys;x", "/api/v1/surveys/%00", "/api/v1/surveys/%0a",
            "/api/v1/surveys/%7F", "/api/v1/surveys/%", "/api/v1/surveys/%2", "/api/v1/surveys/%zz", "api/v1/surveys", ""})
    void refusesPathsThatNormalizeDifferently(String path) {
        assertThat(CanonicalPath.violation(path)).isNotNull();
    }
}
