//! Bounded reads of fixed-size fields from received bytes, shared by the codecs ([`crate::kms::rpc`],
//! [`crate::kms::message`], [`crate::clock::sntp`], [`crate::clock::smb2`]).
//!
//! The protocol tables give every field as an offset and a size (`docs/protocol.md` §1–§3), so
//! [`Reader`] reads at absolute offsets rather than advancing a cursor. No read panics: one past
//! the end reports how many bytes it [`needed`](Truncated::needed) and how many were
//! [`available`](Truncated::available), and each codec turns that into its own error.

use uuid::Uuid;

/// A field that does not fit in the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{needed} bytes needed, {available} available")]
pub struct Truncated {
    /// The buffer length the field would need: its offset plus its size (saturating).
    pub needed: usize,
    /// The buffer's length.
    pub available: usize,
}

/// Fields at absolute offsets of one received buffer.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    /// The bytes as received; never indexed without a bounds check.
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Self { buf }
    }

    /// `len` bytes at `offset`.
    pub fn bytes(&self, offset: usize, len: usize) -> Result<&'a [u8], Truncated> {
        offset
            .checked_add(len)
            .and_then(|end| self.buf.get(offset..end))
            .ok_or(Truncated {
                needed: offset.saturating_add(len),
                available: self.buf.len(),
            })
    }

    /// Everything from `offset` to the end; empty when `offset` is the length.
    pub fn rest(&self, offset: usize) -> Result<&'a [u8], Truncated> {
        self.buf.get(offset..).ok_or(Truncated {
            needed: offset,
            available: self.buf.len(),
        })
    }

    /// `N` bytes at `offset`, as an array.
    pub fn array<const N: usize>(&self, offset: usize) -> Result<[u8; N], Truncated> {
        let bytes = self.bytes(offset, N)?;
        let mut array = [0; N];
        array.copy_from_slice(bytes);
        Ok(array)
    }

    pub fn u8(&self, offset: usize) -> Result<u8, Truncated> {
        self.array(offset).map(|[byte]| byte)
    }

    pub fn u16_le(&self, offset: usize) -> Result<u16, Truncated> {
        self.array(offset).map(u16::from_le_bytes)
    }

    pub fn u32_le(&self, offset: usize) -> Result<u32, Truncated> {
        self.array(offset).map(u32::from_le_bytes)
    }

    pub fn u64_le(&self, offset: usize) -> Result<u64, Truncated> {
        self.array(offset).map(u64::from_le_bytes)
    }

    /// Network byte order, as NTP sends its fields (RFC 4330 §4).
    pub fn u32_be(&self, offset: usize) -> Result<u32, Truncated> {
        self.array(offset).map(u32::from_be_bytes)
    }

    /// Network byte order, as NTP sends its timestamps (RFC 4330 §4).
    pub fn u64_be(&self, offset: usize) -> Result<u64, Truncated> {
        self.array(offset).map(u64::from_be_bytes)
    }

    /// A GUID in Microsoft's mixed-endian wire form: the first three fields little-endian, the
    /// last eight bytes as written (`docs/protocol.md`, "Conventions").
    pub fn guid(&self, offset: usize) -> Result<Uuid, Truncated> {
        self.array(offset).map(Uuid::from_bytes_le)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use uuid::uuid;

    const BYTES: [u8; 8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];

    #[test]
    fn integers_in_both_byte_orders() {
        let fields = Reader::new(&BYTES);
        assert_eq!(fields.u8(7), Ok(0x08));
        assert_eq!(fields.u16_le(1), Ok(0x0302));
        assert_eq!(fields.u32_le(4), Ok(0x0807_0605));
        assert_eq!(fields.u64_le(0), Ok(0x0807_0605_0403_0201));
        assert_eq!(fields.u32_be(4), Ok(0x0506_0708));
        assert_eq!(fields.u64_be(0), Ok(0x0102_0304_0506_0708));
        assert_eq!(fields.array::<3>(5), Ok([6, 7, 8]));
        assert_eq!(fields.array::<0>(8), Ok([]));
    }

    #[test]
    fn guid_is_mixed_endian() {
        // The KMS interface UUID as it appears on the wire (docs/protocol.md §1.3).
        let wire = [
            0x75, 0x21, 0xc8, 0x51, 0x4e, 0x84, 0x50, 0x47, 0xb0, 0xd8, 0xec, 0x25, 0x55, 0x55,
            0xbc, 0x06,
        ];
        assert_eq!(
            Reader::new(&wire).guid(0),
            Ok(uuid!("51c82175-844e-4750-b0d8-ec255555bc06"))
        );
    }

    #[test]
    fn short_reads_report_needed_and_available() {
        fn truncated<T>(needed: usize) -> Result<T, Truncated> {
            Err(Truncated {
                needed,
                available: 8,
            })
        }
        let fields = Reader::new(&BYTES);
        assert_eq!(fields.u8(8), truncated(9));
        assert_eq!(fields.u16_le(7), truncated(9));
        assert_eq!(fields.u64_be(1), truncated(9));
        assert_eq!(fields.bytes(6, 4), truncated(10));
        assert_eq!(fields.rest(9), truncated(9));
        assert_eq!(fields.rest(8), Ok(&[][..]));
        assert_eq!(fields.guid(0), truncated(16));
        assert_eq!(fields.bytes(usize::MAX, 2), truncated(usize::MAX));
        assert_eq!(fields.u32_le(usize::MAX - 1), truncated(usize::MAX));
        assert_eq!(
            Truncated {
                needed: 9,
                available: 8
            }
            .to_string(),
            "9 bytes needed, 8 available"
        );
    }

    proptest! {
        #[test]
        fn reads_never_panic(
            buf in proptest::collection::vec(any::<u8>(), 0..32),
            offset in prop_oneof![0usize..40, any::<usize>()],
            len in prop_oneof![0usize..40, any::<usize>()],
        ) {
            let fields = Reader::new(&buf);
            let in_bounds = |size: usize| offset.checked_add(size).is_some_and(|end| end <= buf.len());
            prop_assert_eq!(fields.bytes(offset, len).is_ok(), in_bounds(len));
            prop_assert_eq!(fields.u64_be(offset).is_ok(), in_bounds(8));
            prop_assert_eq!(fields.guid(offset).is_ok(), in_bounds(16));
            prop_assert_eq!(fields.rest(offset).is_ok(), offset <= buf.len());
            if let Err(e) = fields.u32_le(offset) {
                prop_assert_eq!(e.available, buf.len());
                prop_assert_eq!(e.needed, offset.saturating_add(4));
            }
        }
    }
}
