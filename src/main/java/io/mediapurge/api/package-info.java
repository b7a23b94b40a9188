/** What both doors share: the error shape of Alibaba Cloud, {@link io.mediapurge.api.ApiError}. */
package io.mediapurge.api;
