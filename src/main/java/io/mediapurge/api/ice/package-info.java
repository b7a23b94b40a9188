/** The IMS-compatible endpoint: signature check (v1 and ACS3), parameters, error shape. */
package io.mediapurge.api.ice;
