/**
 * What a door calls to start, read, stop and restart a purge: a submission received and its run
 * started, the submission read back, its runs steered. The REST resources and the console beans
 * call the same methods; nothing here knows HTTP or Faces, and who may do what stays with the
 * door that knows its caller (RAM actions, console roles).
 */
package io.mediapurge.purge.service;
