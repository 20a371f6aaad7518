package io.wirelab.buffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FramePoolTest {
    final FramePool pool = new FramePool();

    @Test void anEmptyPool_givesNewZeroedArrays_ofTheLengthAskedFor() {
        byte[] a = pool.take(1514);
        assertThat(a).hasSize(1514).containsOnly(0);
        assertThat(pool.reused()).isZero();
    }

    @Test void aRecycledFrame_isTheNextArrayOfItsLength_lastInFirstOut() {
        byte[] first = pool.take(1514), second = pool.take(1514);
        new Frame(first, false, true, pool).recycle();
        new Frame(second, false, true, pool).recycle();
        assertThat(pool.take(1514)).isSameAs(second);
        assertThat(pool.take(1514)).isSameAs(first);
        assertThat(pool.take(1514)).isNotSameAs(first).isNotSameAs(second);
        assertThat(pool.reused()).isEqualTo(2);
    }

    @Test void onlyTheExactLength_isHandedOut() {
        new Frame(pool.take(1514), false, true, pool).recycle();
        assertThat(pool.take(1513)).hasSize(1513);
        assertThat(pool.take(66)).hasSize(66);
        assertThat(pool.held()).isEqualTo(1);
    }

    @Test void minimumFrames_areNotKept_forTheirPaddingMustStayZero() {
        new Frame(pool.take(60), false, true, pool).recycle();
        assertThat(pool.held()).isZero();
    }

    @Test void aSharedFrame_neverComesBack_andRecyclingTwiceGivesBackOnce() {
        Frame shared = new Frame(pool.take(100), false, true, pool);
        shared.share();
        assertThat(shared.recyclable()).isFalse();
        shared.recycle();
        assertThat(pool.held()).isZero();

        Frame once = new Frame(pool.take(100), false, true, pool);
        once.recycle();
        once.recycle();
        assertThat(pool.held()).isEqualTo(1);
        assertThat(once.recyclable()).isFalse();
    }

    @Test void thePoolIsBounded_perLength_andInLengths() {
        for (int i = 0; i < FramePool.DEPTH + 5; i++) new Frame(new byte[1514], false, true, pool).recycle();
        assertThat(pool.held()).isEqualTo(FramePool.DEPTH);
        for (int n = 0; n < FramePool.BUCKETS + 2; n++) new Frame(new byte[200 + n], false, true, pool).recycle();
        assertThat(pool.held()).isEqualTo(FramePool.DEPTH + FramePool.BUCKETS - 1);
    }

    @Test void aFrameWithoutPool_isNeverRecycled() {
        Frame plain = new Frame(new byte[1514]);
        assertThat(plain.recyclable()).isFalse();
        plain.recycle();
        assertThat(pool.held()).isZero();
    }
}
