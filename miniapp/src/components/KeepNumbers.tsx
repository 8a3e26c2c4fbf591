import { Text } from '@tarojs/components';

/** Phone numbers and dates: +86-755-83183333, 0755-83183333, +85221234567, 2026-12-05. */
const numberPattern = /(\+?\d[\d-]{6,}\d)/u;

/**
 * Renders text with its phone numbers (and dates) kept on one line. Browsers break lines
 * after hyphens, and between any two characters where `word-break: break-all` applies,
 * which split a number across lines.
 */
export function KeepNumbers({ text }: { text: string }) {
  // With a capturing group, split puts the numbers at the odd positions.
  const parts = text.split(numberPattern);
  return (
    <>
      {parts.map((part, position) =>
        position % 2 === 1 ? (
          // The same text always splits into the same parts, so a position is a stable key.
          <Text key={position} className="nowrap">
            {part}
          </Text>
        ) : (
          part
        ),
      )}
    </>
  );
}
