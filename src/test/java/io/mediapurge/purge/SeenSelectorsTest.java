package io.mediapurge.purge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeenSelectorsTest {

    @Test
    void whatWasAddedIsAlwaysSeenAndOthersRarelySeemSo() {
        SeenSelectors seen = new SeenSelectors();
        for (int i = 0; i < 100_000; i++) {
            seen.add(Selector.mediaId("held-" + i).digest());
        }
        int wrong = 0;
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.mightHold(Selector.mediaId("held-" + i).digest()));
            if (seen.mightHold(Selector.mediaId("other-" + i).digest())) {
                wrong++;
            }
        }
        assertTrue(wrong < 100, wrong + " of 100000 unseen selectors seemed seen");
    }
}
