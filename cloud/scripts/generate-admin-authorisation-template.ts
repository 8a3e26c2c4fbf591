/**
 * Writes cloud/assets/templates/admin-authorisation.docx, the 管理员账户授权书 template
 * that applicants download in step ② and return signed and sealed.
 *
 * Run: npx tsx cloud/scripts/generate-admin-authorisation-template.ts
 *
 * The .docx is a minimal WordprocessingML package (ECMA-376 Part 1) in a ZIP archive
 * with stored (uncompressed) entries and fixed timestamps, so the output is the same
 * byte for byte on every run. Word, WPS and LibreOffice open it.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const outputFile = path.join(__dirname, '..', 'assets', 'templates', 'admin-authorisation.docx');

/** A paragraph of the letter: its text and how it is set. */
interface Paragraph {
  text: string;
  style?: 'title' | 'heading' | 'signature';
}

const blank = '__________________';

const letter: Paragraph[] = [
  { text: '管理员账户授权书', style: 'title' },
  { text: '致：统一客户专区运营方' },
  {
    text: `兹授权我司员工 ${blank}（姓名）作为我司在统一客户专区的管理员，管理员账号为 ${blank}，企业邮箱为 ${blank}，联系电话为 ${blank}。`,
  },
  { text: '一、授权范围', style: 'heading' },
  {
    text: '代表我司管理我司在统一客户专区的普通账号，包括新增、禁用、编辑、权限管理和重置密码等操作。',
  },
  { text: '二、授权期限', style: 'heading' },
  { text: '自本授权书签署之日起，至我司以书面形式通知撤销授权之日止。' },
  { text: '三、我司确认', style: 'heading' },
  {
    text: '我司已阅读并同意《统一客户专区管理员协议》。管理员通过管理员账号进行的一切操作均视为我司行为，由我司承担相应责任。',
  },
  { text: `公司全称：${blank}`, style: 'signature' },
  { text: `商业登记证编号：${blank}`, style: 'signature' },
  { text: `被授权人（管理员）签字：${blank}`, style: 'signature' },
  { text: `法定代表人或授权代表签字：${blank}`, style: 'signature' },
  { text: '公司盖章：', style: 'signature' },
  { text: '日期：________ 年 ____ 月 ____ 日', style: 'signature' },
  {
    text: '注：本授权书须加盖公司公章，扫描或拍照后在“上传资料”步骤上传（PDF、JPG 或 PNG，不超过 10 MB）。',
  },
];

function escapeXml(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;');
}

/** Renders one paragraph; child elements follow the order that the ECMA-376 schema requires. */
function paragraphXml(paragraph: Paragraph): string {
  const properties = {
    title: '<w:spacing w:after="480"/><w:jc w:val="center"/>',
    heading: '<w:spacing w:before="240" w:after="120"/>',
    signature: '<w:spacing w:before="360"/>',
    body: '<w:spacing w:after="120" w:line="360" w:lineRule="auto"/><w:ind w:firstLine="480"/>',
  }[paragraph.style ?? 'body'];
  const size = paragraph.style === 'title' ? 36 : 24;
  const bold = paragraph.style === 'title' || paragraph.style === 'heading' ? '<w:b/>' : '';
  return (
    `<w:p><w:pPr>${properties}</w:pPr><w:r><w:rPr>` +
    `<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/>${bold}<w:sz w:val="${size}"/>` +
    `<w:lang w:eastAsia="zh-CN"/></w:rPr><w:t xml:space="preserve">${escapeXml(paragraph.text)}</w:t></w:r></w:p>`
  );
}

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const parts: Record<string, string> = {
  '[Content_Types].xml':
    xmlDeclaration +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '</Types>',
  '_rels/.rels':
    xmlDeclaration +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    '</Relationships>',
  'docProps/core.xml':
    xmlDeclaration +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:title>管理员账户授权书</dc:title><dc:creator>统一客户专区</dc:creator><dc:language>zh-CN</dc:language>' +
    '</cp:coreProperties>',
  'word/document.xml':
    xmlDeclaration +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    letter.map(paragraphXml).join('') +
    // A4 portrait with 2.54 cm margins, in twentieths of a point.
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
    '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/>' +
    '</w:sectPr></w:body></w:document>',
};

/** MS-DOS date and time of 2026-01-01 00:00:00, used for every entry so the output is reproducible. */
const dosTime = 0;
const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;

/** Builds a ZIP archive (PKWARE APPNOTE 6.3.x) with stored entries. */
function zip(entries: Record<string, string>): Buffer {
  const localParts: Buffer[] = [];
  const centralParts: Buffer[] = [];
  let offset = 0;

  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = zlib.crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed to extract: 2.0
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    localParts.push(local, nameBytes, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centralParts.push(central, nameBytes);

    offset += local.length + nameBytes.length + data.length;
  }

  const centralDirectory = Buffer.concat(centralParts);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...localParts, centralDirectory, end]);
}

fs.mkdirSync(path.dirname(outputFile), { recursive: true });
fs.writeFileSync(outputFile, zip(parts));
console.log(`wrote ${path.relative(process.cwd(), outputFile)}`);
