/**
 * imagegen4j's HTTP transport, shared by the HTTP providers: the HttpClient 5 pool, proxies,
 * deadlines, cancellation, retries, bounded reading and redaction of secrets. Not for applications.
 */
module dev.imagegen4j.http {
    requires transitive dev.imagegen4j.core;
    requires static org.jspecify;
    requires transitive org.apache.httpcomponents.client5.httpclient5;
    requires transitive org.apache.httpcomponents.core5.httpcore5;

    exports dev.imagegen4j.http;
}
