/**
 * OSS URLs and the object store: parsing the URL forms of DeleteMediaInfos, and the gateway that
 * deletes files in bulk (one DeleteMultipleObjects per bucket and 1000 keys) with its own bounded
 * retries, on one shared aliyun-sdk-oss client.
 */
package io.mediapurge.storage;
