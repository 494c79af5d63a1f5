#include <iconv.h>

#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "io/encoding.hpp"

namespace {

// Produces the bytes Excel on a Chinese Windows would write, so no binary fixture is needed.
std::string to_encoding(const std::string& utf8, const char* encoding) {
    iconv_t cd = iconv_open(encoding, "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* dst = out.data();
    std::size_t out_left = out.size();
    const std::size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
    iconv_close(cd);
    REQUIRE(rc != static_cast<std::size_t>(-1));
    out.resize(out.size() - out_left);
    return out;
}

}  // namespace

TEST_CASE("is_valid_utf8", "[encoding]") {
    CHECK(dj::is_valid_utf8(""));
    CHECK(dj::is_valid_utf8("abc"));
    CHECK(dj::is_valid_utf8("张三，党员😀"));
    CHECK_FALSE(dj::is_valid_utf8("\xFF"));
    CHECK_FALSE(dj::is_valid_utf8("\x80"));
    CHECK_FALSE(dj::is_valid_utf8("\xE5\xBC"));          // cut-off 张
    CHECK_FALSE(dj::is_valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(dj::is_valid_utf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(dj::is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST_CASE("decode_office_text passes UTF-8 through", "[encoding]") {
    std::string detected;
    CHECK(dj::decode_office_text("姓名,性别\n张三,男\n", &detected) == "姓名,性别\n张三,男\n");
    CHECK(detected == "UTF-8");
    CHECK(dj::decode_office_text("") == "");
}

TEST_CASE("decode_office_text strips a UTF-8 BOM", "[encoding]") {
    std::string detected;
    CHECK(dj::decode_office_text("\xEF\xBB\xBF张三,男", &detected) == "张三,男");
    CHECK(detected == "UTF-8 BOM");
}

TEST_CASE("decode_office_text decodes GBK as GB18030", "[encoding]") {
    const std::string gbk = to_encoding("张三,男", "GBK");
    REQUIRE(gbk == "\xD5\xC5\xC8\xFD,\xC4\xD0");  // the bytes Excel writes
    REQUIRE_FALSE(dj::is_valid_utf8(gbk));
    std::string detected;
    CHECK(dj::decode_office_text(gbk, &detected) == "张三,男");
    CHECK(detected == "GB18030");

    // A whole sheet, including a rare character only GB18030 (not GBK) encodes.
    const std::string text = "姓名,性别,入党日期\r\n张三,男,2020-07-01\r\n李㛃,女,2019/7/1\r\n";
    CHECK(dj::decode_office_text(to_encoding(text, "GB18030")) == text);
}

TEST_CASE("decode_office_text rejects bytes that are neither UTF-8 nor GB18030", "[encoding]") {
    CHECK_THROWS_AS(dj::decode_office_text("abc\xFF\xFF"), dj::UserError);
    CHECK_THROWS_WITH(dj::decode_office_text("abc\xFF\xFF"), Catch::Contains("文件编码无法识别") && Catch::Contains("FF"));
    // GBK lead byte cut off at the end of the file.
    CHECK_THROWS_AS(dj::decode_office_text("\xD5\xC5\xC8"), dj::UserError);
    // A BOM promises UTF-8; broken UTF-8 after it is an error, not a guess at GBK.
    CHECK_THROWS_WITH(dj::decode_office_text("\xEF\xBB\xBF\xD5\xC5"), Catch::Contains("文件编码无法识别"));
    // Excel's "Unicode 文本" (UTF-16) gets its own explanation.
    CHECK_THROWS_WITH(dj::decode_office_text(std::string("\xFF\xFE" "a\0", 4)), Catch::Contains("UTF-16"));
}

TEST_CASE("utf8_length counts characters, not bytes", "[encoding]") {
    CHECK(dj::utf8_length("") == 0);
    CHECK(dj::utf8_length("abc") == 3);
    CHECK(dj::utf8_length("中国共产党") == 5);
    CHECK(std::string("中国共产党").size() == 15);
    CHECK(dj::utf8_length("党支部A1") == 5);
    CHECK(dj::utf8_length("😀") == 1);
}

TEST_CASE("a bad byte in a UTF-8 file is named by its line and column, not a GB18030 offset", "[encoding]") {
    // Chinese UTF-8 text fails GB18030 early (byte 64 of this header, in the issue): the
    // message must point at the byte that is really wrong, on line 3.
    const std::string csv = "姓名,性别,出生日期,民族,学历,入党日期,转正日期,人员类别,所在支部,身份证号\n"
                            "张三,男,1980-01-01,汉族,大学,2005-07-01,2006-07-01,正式党员,D0001-B01,\n"
                            "李四,女,19\xFF" "81-02-02,汉族\n";
    try {
        dj::decode_office_text(csv);
        FAIL("undecodable text was accepted");
    } catch (const dj::UserError& e) {
        const std::string msg = e.what();
        CHECK_THAT(msg, Catch::Contains("UTF-8") && Catch::Contains("第 3 行第 8 个字符") && Catch::Contains("FF"));
        CHECK_THAT(msg, !Catch::Contains("第 64 字节"));
    }
    // The same behind a BOM.
    CHECK_THROWS_WITH(dj::decode_office_text("\xEF\xBB\xBF" + csv), Catch::Contains("第 3 行第 8 个字符"));
}
