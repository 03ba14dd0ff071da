//! A minimal ZIP writer for the Word export: entries stored without
//! compression (a .docx reader accepts any ZIP), in the order given, with
//! one fixed modification time so that the same document gives the same
//! bytes. Sizes stay far below the 4 GiB of the classic format; a larger
//! entry is refused rather than written wrongly.

/// The CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    let mut crc = !0u32;
    for &b in bytes {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// A date as the ZIP format keeps it: MS-DOS time and date words.
fn dos_date((year, month, day): (u16, u8, u8)) -> (u16, u16) {
    let year = year.clamp(1980, 2107) - 1980;
    let date = (year << 9) | (u16::from(month.clamp(1, 12)) << 5) | u16::from(day.clamp(1, 31));
    (0, date)
}

/// Why an archive could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the archive entry `{0}` is too large for a ZIP file")]
pub struct TooLarge(pub String);

/// Writes `entries` (name, content) as a ZIP archive dated `date`.
pub fn write(entries: &[(String, Vec<u8>)], date: (u16, u8, u8)) -> Result<Vec<u8>, TooLarge> {
    let (time, day) = dos_date(date);
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    let small = |n: usize, name: &str| u32::try_from(n).map_err(|_| TooLarge(name.to_owned()));
    for (name, data) in entries {
        let offset = small(out.len(), name)?;
        let size = small(data.len(), name)?;
        let name_len = u16::try_from(name.len()).map_err(|_| TooLarge(name.clone()))?;
        let crc = crc32(data);
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
        out.extend_from_slice(&0u16.to_le_bytes()); // stored
        out.extend_from_slice(&time.to_le_bytes());
        out.extend_from_slice(&day.to_le_bytes());
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its central directory entry.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        central.extend_from_slice(&20u16.to_le_bytes()); // needed
        central.extend_from_slice(&0x0800u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&time.to_le_bytes());
        central.extend_from_slice(&day.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&[0; 6]); // extra and comment lengths, disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let count = u16::try_from(entries.len()).map_err(|_| TooLarge("(entries)".into()))?;
    let central_offset = small(out.len(), "(central directory)")?;
    let central_size = small(central.len(), "(central directory)")?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_known_strings() {
        // The check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn an_archive_lists_its_entries_in_its_central_directory() {
        let bytes = write(
            &[
                ("a.txt".into(), b"hello".to_vec()),
                ("dir/b.xml".into(), b"<x/>".to_vec()),
            ],
            (2027, 1, 1),
        )
        .unwrap();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let end = bytes.len() - 22;
        assert_eq!(&bytes[end..end + 4], b"PK\x05\x06");
        // The central directory starts where the end record says.
        let central = u32::from_le_bytes([
            bytes[end + 16],
            bytes[end + 17],
            bytes[end + 18],
            bytes[end + 19],
        ]) as usize;
        assert_eq!(&bytes[central..central + 4], b"PK\x01\x02");
        let second = central + 46 + "a.txt".len();
        assert_eq!(
            &bytes[second..second + 4],
            b"PK\x01\x02",
            "the first entry has its exact length"
        );
        assert_eq!(u16::from_le_bytes([bytes[end + 10], bytes[end + 11]]), 2);
        // The same entries give the same bytes.
        let again = write(
            &[
                ("a.txt".into(), b"hello".to_vec()),
                ("dir/b.xml".into(), b"<x/>".to_vec()),
            ],
            (2027, 1, 1),
        )
        .unwrap();
        assert_eq!(bytes, again);
    }
}
