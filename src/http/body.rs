//! The response body: bytes written in order, from one or more chunks.
//!
//! `/metrics` answers with the cached rendering of the last cycle (megabytes at a thousand hosts,
//! shared by every scrape of that cycle) followed by families measured at each scrape; chunks
//! let both go out without copying the shared part into a buffer per scrape.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Frame, SizeHint};

/// A body of chunks sent in order; its length is known, so it goes out with `Content-Length`.
#[derive(Debug, Default)]
pub struct Body {
    /// The chunks not yet sent, empty ones left out.
    chunks: VecDeque<Bytes>,
}

impl Body {
    /// A body of `chunks`, in order.
    pub fn from_chunks(chunks: impl IntoIterator<Item = Bytes>) -> Self {
        Self {
            chunks: chunks.into_iter().filter(|c| !c.is_empty()).collect(),
        }
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Self::from_chunks([bytes])
    }
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(
            self.get_mut()
                .chunks
                .pop_front()
                .map(|c| Ok(Frame::data(c))),
        )
    }

    fn is_end_stream(&self) -> bool {
        self.chunks.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.chunks.iter().map(|c| c.len() as u64).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;
    use hyper::body::Body as _;

    #[tokio::test]
    async fn chunks_arrive_in_order_with_their_total_length() {
        let body = Body::from_chunks([
            Bytes::from_static(b"kms_up 1\n"),
            Bytes::new(),
            Bytes::from_static(b"# EOF\n"),
        ]);
        assert_eq!(body.size_hint().exact(), Some(15));
        assert!(!body.is_end_stream());
        let collected = body.collect().await.unwrap().to_bytes();
        assert_eq!(&collected[..], b"kms_up 1\n# EOF\n");
        assert!(Body::default().is_end_stream());
        assert_eq!(Body::default().size_hint().exact(), Some(0));
    }
}
