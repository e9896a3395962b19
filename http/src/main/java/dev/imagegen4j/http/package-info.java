/**
 * The HTTP transport every imagegen4j HTTP provider uses: {@link dev.imagegen4j.http.HttpSettings}
 * read from a {@link dev.imagegen4j.ProviderConfig}, one {@link dev.imagegen4j.http.HttpTransport}
 * per generator that executes requests with an overall deadline per attempt, honest retries, capped
 * bodies and cancellation, and the {@link dev.imagegen4j.http.Redactor} every text passes through
 * before it reaches a message, and {@link dev.imagegen4j.http.Multipart} form bodies for vendors whose
 * requests are uploads. Internal to this project's providers; not API for applications.
 */
@NullMarked
package dev.imagegen4j.http;

import org.jspecify.annotations.NullMarked;
