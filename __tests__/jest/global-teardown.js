module.exports = () => require("./temp-dir").teardown();
