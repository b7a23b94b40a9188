/** Client input repeated in answers and logs, made safe to show. */
package io.mediapurge.text;
